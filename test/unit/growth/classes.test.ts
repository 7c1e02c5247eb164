// The growth sweep plus the fit name the right order for functions of known growth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { fitGrowth } from '../../../server/src/profile/growth';
import { runFixture } from '../sandbox/run-fixture';

const FILE = resolve(__dirname, '../../fixtures/growth/growth.ts');
// Arrays of n equal small integers (the logarithmic fixture relies on them being equal).
const ARRAY = { params: [{ kind: 'array' as const, element: { kind: 'literal' as const, value: 3 }, sized: true as const }], bindings: [] };

const cases: Array<[string, string]> = [
  ['constant', 'O(1)'],
  ['logarithmic', 'O(log n)'],
  ['linear', 'O(n)'],
  ['linearithmic', 'O(n log n)'],
  ['quadratic', 'O(n^2)'],
  ['cubic', 'O(n^3)'],
];

for (const [name, order] of cases) {
  test(`${name} grows as ${order}`, async () => {
    const run = await runFixture(FILE, name, { recipe: ARRAY, budgetMs: 50, growth: { budgetMs: 1500, maxSize: 2 ** 16 } });
    assert.equal(run.outcome.ok, true, run.outcome.ok ? '' : run.outcome.error.message);
    if (!run.outcome.ok) return;
    const points = run.outcome.result.growth ?? [];
    const fit = fitGrowth(points);
    assert.ok(fit, `too few points: ${JSON.stringify(points)}`);
    assert.equal(fit.order, order, JSON.stringify(points.map((p) => [p.n, Math.round(p.medianNs)])));
  });
}
