// A function that keeps every result is flagged as a suspected leak, with its retention per call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { runFixture } from '../sandbox/run-fixture';

test('retention that grows with calls is flagged', async () => {
  // A generous limit: beside a CPU hog the memory runs alone took over 10 s; only a hang should reach it.
  const run = await runFixture(resolve(__dirname, '../../fixtures/alloc/alloc.ts'), 'leaky', { memory: true, spawn: { timeoutMs: 120_000 } });
  assert.equal(run.outcome.ok, true, run.outcome.ok ? '' : run.outcome.error.message);
  if (!run.outcome.ok) return;
  const mem = run.outcome.result.variants[0].memory;
  assert.ok(mem);
  assert.equal(mem.suspectedLeak, true);
  // Each call keeps one 1,008-byte array plus its slot (8 bytes, and spare capacity) in the growing list.
  assert.ok(mem.retainedBytesPerCall >= 900 && mem.retainedBytesPerCall <= 1300, `retained ${mem.retainedBytesPerCall}`);
});
