// Several versions of one function run in one child, interleaved on the same inputs; each keeps its
// raw samples, and a version spliced in by replacement text is the one that runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { runFixture } from '../sandbox/run-fixture';

const FILE = resolve(__dirname, '../../fixtures/growth/timing.ts');

// The same function, doing ten times the work per round.
const SLOWER = `export function work(rounds: number): number {
  let s = 0;
  for (let i = 0; i < rounds * 10; i++) s = (s + i) | 0;
  return s;
}`;

test('baseline and candidate are both measured, and the replacement is what runs', async () => {
  const run = await runFixture(FILE, 'work', {
    recipe: { params: [{ kind: 'literal', value: 2000 }], bindings: [] },
    variants: { candidate: undefined, baseline: SLOWER },
    budgetMs: 300,
  });
  assert.equal(run.outcome.ok, true, run.outcome.ok ? '' : run.outcome.error.message);
  if (!run.outcome.ok) return;
  const [candidate, baseline] = run.outcome.result.variants;
  assert.deepEqual([candidate.id, baseline.id], ['candidate', 'baseline']);
  assert.ok(candidate.samplesNs.length >= 5 && baseline.samplesNs.length >= 5);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Ten times the loop: at least three times slower survives any noise on a shared machine.
  assert.ok(median(baseline.samplesNs) > 3 * median(candidate.samplesNs), `${median(baseline.samplesNs)} vs ${median(candidate.samplesNs)}`);
});
