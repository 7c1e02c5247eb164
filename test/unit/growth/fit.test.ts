// fitGrowth picks the order that generated synthetic timings (with overhead and seeded noise), says
// O(1) for flat data, and declines to fit too few points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitGrowth } from '../../../server/src/profile/growth';

// Deterministic ±5% noise (a fixed sequence, not Math.random).
const noise = (i: number): number => 1 + 0.05 * Math.sin(i * 12.9898);

function points(g: (n: number) => number, maxK: number, overheadNs = 20) {
  return Array.from({ length: maxK + 1 }, (_, k) => {
    const n = 2 ** k;
    return { n, medianNs: (overheadNs + g(n)) * noise(k) };
  });
}

const cases: Array<[string, (n: number) => number, number]> = [
  ['O(log n)', (n) => 5 * Math.log2(n), 16],
  ['O(n)', (n) => 2 * n, 16],
  ['O(n log n)', (n) => 2 * n * Math.log2(n), 16],
  ['O(n^2)', (n) => n * n, 12],
  ['O(n^3)', (n) => n * n * n, 9],
  ['O(2^n)', (n) => 2 ** n, 5],
];

for (const [order, g, maxK] of cases) {
  test(`recognises ${order}`, () => {
    const fit = fitGrowth(points(g, maxK));
    assert.ok(fit);
    assert.equal(fit.order, order);
    assert.ok(fit.fit > 0.9 && fit.fit <= 1, `fit ${fit.fit}`);
  });
}

test('flat timings are O(1)', () => {
  assert.equal(fitGrowth(points(() => 0, 16))?.order, 'O(1)');
});

test('fewer than four sizes give no fit', () => {
  assert.equal(fitGrowth(points((n) => n, 2)), null);
});
