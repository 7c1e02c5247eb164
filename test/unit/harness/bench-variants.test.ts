// benchVariants measures the file's version and a spliced-in version in one run and returns each
// one's figures with its raw samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { benchVariants } from '../../../server/src/profile';

const SLOWER = `export function reduceSum(xs: number[]): number {
  let s = 0;
  for (let r = 0; r < 20; r++) s += xs.reduce((a, x) => a + x, 0);
  return s;
}`;

test('candidate and baseline come back with raw samples, the slower one slower', async () => {
  const r = await benchVariants({
    file: resolve(__dirname, '../../fixtures/growth/timing.ts'),
    qualifiedName: 'reduceSum',
    variants: [{ id: 'candidate' }, { id: 'baseline', replacementText: SLOWER }],
    budgetMs: 400,
  });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.deepEqual(r.variants.map((v) => v.id), ['candidate', 'baseline']);
  for (const v of r.variants) assert.equal(v.samplesNs.length, v.timing.samples);
  const [candidate, baseline] = r.variants;
  // The direction, not the factor (20× by construction): beside a CPU hog the measured factor fell to 1.7×.
  assert.ok(baseline.timing.medianNs > candidate.timing.medianNs, `${baseline.timing.medianNs} vs ${candidate.timing.medianNs}`);
});
