// The bootstrap interval of the ratio of medians brackets the true ratio and is reproducible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapRatioOfMedians } from '../../../server/src/stats/ratio';
import { mulberry32 } from '../../../server/src/stats/random';

function lognormal(n: number, median: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.max(rnd(), 1e-12);
    const v = rnd();
    out[i] = median * Math.exp(0.05 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

test('the 95% interval contains the injected ratio in nearly all of 40 trials', () => {
  let covered = 0;
  for (let t = 0; t < 40; t++) {
    const r = bootstrapRatioOfMedians(lognormal(101, 1000, 2 * t + 1), lognormal(101, 1250, 2 * t + 2), { resamples: 500, seed: t });
    if (r.ci[0] <= 1.25 && 1.25 <= r.ci[1]) covered++;
    assert.ok(r.ci[0] <= r.ratio && r.ratio <= r.ci[1], 'point estimate inside its interval');
  }
  assert.ok(covered >= 34, `covered ${covered}/40`);
});

test('same inputs and seed give the same interval; the point estimate is the exact median ratio', () => {
  const a = [10, 12, 11, 13, 9];
  const b = [20, 22, 21, 24, 18, 19];
  const r1 = bootstrapRatioOfMedians(a, b, { seed: 7 });
  const r2 = bootstrapRatioOfMedians(a, b, { seed: 7 });
  assert.deepEqual(r1.ci, r2.ci);
  assert.equal(r1.ratio, 20.5 / 11);
});

test('an empty side gives NaN rather than a made-up number', () => {
  assert.ok(Number.isNaN(bootstrapRatioOfMedians([], [1]).ratio));
});
