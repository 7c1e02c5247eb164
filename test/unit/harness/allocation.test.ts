// Allocated bytes per call match fixtures of known size within a stated tolerance, and retention
// is near zero for functions that keep nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { runFixture } from '../sandbox/run-fixture';

const FILE = resolve(__dirname, '../../fixtures/alloc/alloc.ts');

// Tolerance: ±10% of the expected size, plus 64 bytes for harness noise amortised per call.
const cases: Array<[string, number]> = [
  ['thousandNumbers', 8048],
  ['tenThousandNumbers', 80_048],
  ['noAllocation', 0],
];

for (const [name, expected] of cases) {
  test(`${name} allocates about ${expected} bytes per call`, async () => {
    const run = await runFixture(FILE, name, { memory: true });
    assert.equal(run.outcome.ok, true, run.outcome.ok ? '' : run.outcome.error.message);
    if (!run.outcome.ok) return;
    const mem = run.outcome.result.variants[0].memory;
    assert.ok(mem, 'memory was measured');
    const tolerance = expected * 0.1 + 64;
    assert.ok(Math.abs(mem.allocatedBytesPerCall - expected) <= tolerance, `allocated ${mem.allocatedBytesPerCall}, expected ${expected} ± ${tolerance}`);
    // Near zero, relative to what a call allocates: a GC that runs a little late under load leaves a few
    // hundred bytes of an 80 KB call counted as retained, which is not a leak.
    assert.ok(mem.retainedBytesPerCall <= 64 + expected * 0.01, `retained ${mem.retainedBytesPerCall} per call`);
    assert.equal(mem.suspectedLeak, false);
  });
}
