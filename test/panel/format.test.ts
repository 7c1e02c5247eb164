// Numbers on the axis, in the table and in the details use a unit that keeps them readable (1 to 999),
// and versions are named by short commit, else date, else hash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteUnit, formatBytes, formatNs, timeUnit, versionLabel } from '../../client/src/panel/webview/format';

test('times and sizes pick the unit that keeps the number between 1 and 999', () => {
  assert.equal(formatNs(850), '850 ns');
  assert.equal(formatNs(44_000), '44.0 µs');
  assert.equal(formatNs(1_234_567), '1.23 ms');
  assert.equal(formatNs(2.5e9), '2.50 s');
  assert.equal(formatNs(undefined), '—');
  assert.equal(timeUnit(999).name, 'ns');
  assert.equal(timeUnit(1000).name, 'µs');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1500), '1.46 KB');
  assert.equal(byteUnit(5 * 1024 * 1024).name, 'MB');
});

test('a version is named by the label the server gave it (commit, working tree · hash, date)', () => {
  const base = { id: 'v', hash: 'abcdef0123456789', firstSeen: '2026-10-02T10:00:00.000Z', baselines: [] };
  assert.equal(versionLabel({ ...base, commit: '3f9a2c1', label: 'working tree · abcdef0', workingTree: true }), 'working tree · abcdef0');
  assert.equal(versionLabel({ ...base, label: '2026-10-02' }), '2026-10-02');
});
