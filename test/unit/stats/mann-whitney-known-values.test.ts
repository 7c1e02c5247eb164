// Mann–Whitney U p-values match SciPy's asymptotic method (tie-corrected, continuity-corrected).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mannWhitneyU } from '../../../server/src/stats/mann-whitney';

// Reference values: scipy.stats.mannwhitneyu(a, b, method='asymptotic'), SciPy 1.17.1.
const cases = [
  { a: [1, 2, 3, 4, 5], b: [6, 7, 8, 9, 10], u: 0, p: 0.012185780355344813 },
  { a: [1, 2, 2, 3, 3, 3, 5], b: [2, 3, 4, 4, 5, 6, 6, 7], u: 10, p: 0.03971608699701135 },
  { a: [10, 10, 10, 11], b: [10, 10, 10, 10], u: 10, p: 0.4532547047537364 },
  { a: [19, 22, 16, 29, 24], b: [20, 11, 17, 12], u: 17, p: 0.11134688653314041 },
];

test('U and two-sided p-value agree with SciPy, ties included', () => {
  for (const c of cases) {
    const r = mannWhitneyU(c.a, c.b);
    assert.equal(r.u, c.u, `U for ${JSON.stringify(c)}`);
    assert.ok(Math.abs(r.pValue - c.p) < 1e-6, `p ${r.pValue} vs ${c.p}`);
  }
});

test('the test is symmetric: swapping samples keeps p and flips z', () => {
  const r1 = mannWhitneyU(cases[1]!.a, cases[1]!.b);
  const r2 = mannWhitneyU(cases[1]!.b, cases[1]!.a);
  assert.ok(Math.abs(r1.pValue - r2.pValue) < 1e-12);
  assert.ok(Math.abs(r1.z + r2.z) < 1e-12);
  assert.equal(r1.u + r2.u, cases[1]!.a.length * cases[1]!.b.length);
});

test('all-equal samples give p = 1 instead of dividing by zero', () => {
  assert.equal(mannWhitneyU([5, 5, 5], [5, 5]).pValue, 1);
  assert.equal(mannWhitneyU([], [1, 2]).pValue, 1);
});
