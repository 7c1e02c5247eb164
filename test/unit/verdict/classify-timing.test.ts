// classifyTiming: regressions and improvements beyond the noise threshold; noise-sized shifts are unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTiming, classifyAllocation, classifyGrowth } from '../../../server/src/verdict/classify';
import { samples } from '../../support/verdict-fixtures';

test('a 15% slowdown is a significant regression whose CI brackets 1.15', () => {
  const c = classifyTiming(samples(200, 1000, 1), samples(200, 1150, 2));
  assert.equal(c.classification, 'regression');
  assert.ok(c.significant);
  assert.ok(c.pValue < 0.01);
  assert.ok(c.ci95[0] < 1.15 && 1.15 < c.ci95[1], `ci ${c.ci95}`);
});

test('a 15% speed-up is an improvement', () => {
  assert.equal(classifyTiming(samples(200, 1000, 3), samples(200, 850, 4)).classification, 'improvement');
});

test('a 1% shift inside the 2% noise band is unchanged even if detectable', () => {
  const c = classifyTiming(samples(2000, 1000, 5, 0.01), samples(2000, 1010, 6, 0.01));
  assert.equal(c.classification, 'unchanged');
});

test('allocation per call: +20% of 4 KB is a regression, 24 → 103 bytes (heap-counter noise) is not', () => {
  assert.equal(classifyAllocation(4096, 4915).classification, 'regression');
  assert.equal(classifyAllocation(24, 103).classification, 'unchanged');
  assert.equal(classifyAllocation(4096, 1024).classification, 'improvement');
});

test('growth order: O(n) → O(n²) is a regression, O(n log n) → O(n) an improvement', () => {
  assert.equal(classifyGrowth('O(n)', 'O(n²)').classification, 'regression');
  assert.equal(classifyGrowth('O(n log n)', 'O(n)').classification, 'improvement');
  assert.equal(classifyGrowth('O(n)', 'weird').classification, 'unchanged');
});
