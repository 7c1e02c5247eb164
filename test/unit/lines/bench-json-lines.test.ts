// `perflens bench --json` (the built CLI) carries `lines` and `callees` with the documented fields;
// `--no-lines` skips the profile pass and leaves both empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES, markedLine } from './markers';

const cli = join(__dirname, '../../../bin/perflens.js');
const file = join(FIXTURES, 'hot.js');

const bench = (...extra: string[]): Record<string, unknown> =>
  JSON.parse(execFileSync(process.execPath, [cli, 'bench', file, '--function', 'joinAll', '--json', '--budget', '200', ...extra], { encoding: 'utf8' })) as Record<string, unknown>;

test('bench --json has lines and callees', () => {
  const r = bench();
  const lines = r.lines as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(lines) && lines.length > 0, JSON.stringify(r.warnings));
  for (const key of ['file', 'line', 'selfPct', 'selfNsPerCall', 'allocBytesPerCall']) assert.ok(key in lines[0]!, key);
  assert.equal(lines[0]!.file, file);
  assert.equal(lines[0]!.line, markedLine(file, '// HOT', 'joinAll'));
  assert.ok(Array.isArray(r.callees));
  for (const c of r.callees as Array<Record<string, unknown>>) {
    assert.equal(typeof c.name, 'string');
    assert.equal(typeof c.selfPct, 'number');
  }
});

test('bench --json --no-lines: no profile pass', () => {
  const r = bench('--no-lines');
  assert.deepEqual(r.lines, []);
  assert.deepEqual(r.callees, []);
});
