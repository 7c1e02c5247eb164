// benchFunction gives the JSON shape: every key present, figures consistent with each other,
// the growth order of a linear function, and for a failing function an error with null figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { benchFunction } from '../../../server/src/profile';

const TIMING = resolve(__dirname, '../../fixtures/growth/timing.ts');

test('an ok result has consistent timing, memory and a growth order', async () => {
  const r = await benchFunction({ file: TIMING, qualifiedName: 'reduceSum', budgetMs: 600, growth: true });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.deepEqual(Object.keys(r).sort(), ['callees', 'coverage', 'error', 'function', 'growth', 'inputs', 'isolation', 'lines', 'memory', 'mocks', 'status', 'timing', 'warnings']);
  assert.equal(r.function, 'reduceSum');
  assert.equal(r.error, null);
  assert.equal(r.inputs.source, 'synthesized');
  assert.deepEqual(r.inputs.params.map((p) => p.name), ['xs']);
  const t = r.timing!;
  assert.ok(t.ci95Ns[0] <= t.medianNs && t.medianNs <= t.ci95Ns[1], JSON.stringify(t));
  assert.ok(t.p75Ns >= t.medianNs && t.p99Ns >= t.p75Ns);
  assert.ok(t.samples >= 10 && t.iterationsPerSample >= 1);
  assert.ok(Math.abs(t.opsPerSec * t.medianNs - 1e9) <= 1e6, `${t.opsPerSec} ops/s at ${t.medianNs} ns`);
  assert.equal(t.mode, 'sync');
  assert.ok(r.memory && r.memory.allocatedBytesPerCall >= 0);
  assert.ok(typeof r.growth?.fit === 'number');
  // The order is only as good as its fit: beside a CPU hog the sizes' medians can be noise (fit 0, read
  // as O(1)). A good fit must name the linear order; fitting itself is tested on exact points in growth/.
  if (r.growth!.fit! >= 0.9) assert.equal(r.growth?.order, 'O(n)', JSON.stringify(r.growth));
});

test('a failing function is an error result with null figures', async () => {
  const r = await benchFunction({ file: resolve(__dirname, '../../fixtures/hostile/hostile.ts'), qualifiedName: 'alwaysThrows', budgetMs: 100 });
  assert.equal(r.status, 'error');
  assert.equal(r.error?.kind, 'throws');
  assert.equal(r.timing, null);
  assert.equal(r.memory, null);
  assert.equal(r.growth, null);
  assert.equal(r.coverage, null);
  assert.deepEqual(r.mocks, []);
});
