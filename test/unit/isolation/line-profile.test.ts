// The line profile needs an inspector session, so its child runs without Node's permission model: like
// the coverage pass, only where the OS namespaces hold it. Without them the run still measures, with no
// line costs and a warning saying why, and the sandbox refuses to start a profile child at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { benchFunction } from '../../../server/src/profile';
import { PROFILE_JOB } from '../../../server/src/profile/lines/run';
import { runInSandbox } from '../../../server/src/profile/sandbox/spawn';
import { createSandboxDir, removeSandboxDir } from '../../../server/src/profile/sandbox/prepare';
import type { ChildJob } from '../../../server/src/profile/sandbox/contract';

const FILE = resolve(__dirname, '../../fixtures/lines/hot.js');

test('without namespaces: timed and reported, no line costs, a warning naming the reason', async () => {
  const r = await benchFunction({ file: FILE, qualifiedName: 'joinAll', budgetMs: 100, isolation: 'off' });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.equal(r.isolation, 'permission-model');
  assert.deepEqual(r.lines, []);
  assert.deepEqual(r.callees, []);
  assert.ok(r.warnings.some((w) => /^line costs: not measured without OS isolation/.test(w)), r.warnings.join('; '));
});

test('the sandbox refuses a profile child where the namespaces are off, before starting it', async () => {
  const dir = await createSandboxDir();
  try {
    const job = { protocol: 1, sandboxDir: dir, variants: [], profile: PROFILE_JOB } as unknown as ChildJob;
    const out = await runInSandbox(job, { isolation: 'off' });
    assert.equal(out.ok, false);
    assert.equal(out.ready, false);
    if (!out.ok) assert.match(out.error.message, /profile pass needs OS isolation/);
  } finally {
    await removeSandboxDir(dir);
  }
});

test('with namespaces the same run has line costs', { skip: process.platform !== 'linux' }, async () => {
  const r = await benchFunction({ file: FILE, qualifiedName: 'joinAll', budgetMs: 100 });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.equal(r.isolation, 'namespaces');
  assert.ok(r.lines.length > 0, r.warnings.join('; '));
  assert.ok(!r.warnings.some((w) => w.startsWith('line costs')), r.warnings.join('; '));
});
