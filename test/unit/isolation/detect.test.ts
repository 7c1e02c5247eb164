// The isolation in force is detected once and reported: namespaces where bubblewrap or unshare works
// (this machine and CI), the permission model where they do not, and a run that requires isolation is
// refused, before any child starts, where there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { detectIsolation, layerOf, resetIsolationCache } from '../../../server/src/profile/sandbox/isolation';
import { benchFunction } from '../../../server/src/profile';

const FILE = resolve(__dirname, '../../fixtures/growth/timing.ts');

test('on Linux with bubblewrap or unshare allowed, benchmarks report isolation "namespaces"', { skip: process.platform !== 'linux' }, async () => {
  resetIsolationCache();
  const cap = detectIsolation();
  assert.notEqual(cap.tool, 'none', `no namespaces: ${cap.reason}`);
  assert.equal(layerOf(cap), 'namespaces');
  const r = await benchFunction({ file: FILE, qualifiedName: 'add', budgetMs: 100 });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.equal(r.isolation, 'namespaces');
});

test('without namespaces the result says "permission-model"; requireIsolation then refuses to run', async () => {
  const plain = await benchFunction({ file: FILE, qualifiedName: 'add', budgetMs: 100, isolation: 'off' });
  assert.equal(plain.status, 'ok', plain.error?.message);
  assert.equal(plain.isolation, 'permission-model');
  const refused = await benchFunction({ file: FILE, qualifiedName: 'add', budgetMs: 100, isolation: 'off', requireIsolation: true });
  assert.equal(refused.status, 'error');
  assert.equal(refused.isolation, 'permission-model');
  assert.match(refused.error!.message, /requireIsolation.*nothing was run/);
});
