// Results are consumed by kind: returned values are sync, promises are awaited (time to settle),
// generators and async iterables are streamed (time to first item, plus items per second).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { runFixture } from '../sandbox/run-fixture';

const FILE = resolve(__dirname, '../../fixtures/growth/timing.ts');
const COUNT = { params: [{ kind: 'literal' as const, value: 1000 }], bindings: [] };

const cases: Array<[string, string]> = [
  ['work', 'sync'],
  ['settleLater', 'async'],
  ['items', 'stream'],
  ['syncItems', 'stream'],
];

for (const [name, mode] of cases) {
  test(`${name} is measured in ${mode} mode`, async () => {
    const run = await runFixture(FILE, name, { recipe: COUNT });
    assert.equal(run.outcome.ok, true, run.outcome.ok ? '' : run.outcome.error.message);
    if (!run.outcome.ok) return;
    const v = run.outcome.result.variants[0];
    assert.equal(v.mode, mode);
    assert.ok(v.samplesNs.every((s) => s > 0));
    if (mode === 'stream') assert.ok((v.itemsPerSec ?? 0) > 0, 'items per second measured');
    else assert.equal(v.itemsPerSec, undefined);
  });
}

test('time to settle includes the awaited macrotask turn', async () => {
  const [sync, async] = await Promise.all([
    runFixture(FILE, 'work', { recipe: { params: [{ kind: 'literal', value: 1 }], bindings: [] } }),
    runFixture(FILE, 'settleLater', { recipe: COUNT }),
  ]);
  assert.ok(sync.outcome.ok && async.outcome.ok);
  if (!sync.outcome.ok || !async.outcome.ok) return;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // A setImmediate round trip costs microseconds; a one-iteration loop costs nanoseconds.
  assert.ok(median(async.outcome.result.variants[0].samplesNs) > 20 * median(sync.outcome.result.variants[0].samplesNs));
});
