// The bootstrap CI of the median is reproducible for a seed, brackets the sample median, and
// narrows as the sample grows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMedianCI } from '../../../server/src/stats/bootstrap';
import { describe } from '../../../server/src/stats/descriptive';

// A skewed, deterministic sample: 100 + an exponential-like tail.
const sample = (n: number): number[] => Array.from({ length: n }, (_, i) => 100 + 20 * -Math.log(1 - ((i * 0.618034) % 1) * 0.999));

test('same seed, same interval; it brackets the median', () => {
  const xs = sample(200);
  const a = bootstrapMedianCI(xs, { seed: 7 });
  const b = bootstrapMedianCI(xs, { seed: 7 });
  assert.deepEqual(a, b);
  const m = describe(xs).median;
  assert.ok(a[0] <= m && m <= a[1], `${a} should contain ${m}`);
  assert.ok(a[0] < a[1]);
});

test('a larger sample gives a narrower interval', () => {
  const small = bootstrapMedianCI(sample(30), { seed: 1 });
  const large = bootstrapMedianCI(sample(3000), { seed: 1 });
  assert.ok(large[1] - large[0] < small[1] - small[0]);
});

test('one sample is its own interval; none is a RangeError', () => {
  assert.deepEqual(bootstrapMedianCI([42]), [42, 42]);
  assert.throws(() => bootstrapMedianCI([]), RangeError);
});
