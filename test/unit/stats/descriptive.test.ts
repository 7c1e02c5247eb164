// describe() reports median, mean, percentiles and CV of samples, leaving the input order alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe } from '../../../server/src/stats/descriptive';

test('summarises an odd-sized sample', () => {
  const xs = [5, 1, 4, 2, 3];
  const d = describe(xs);
  assert.equal(d.median, 3);
  assert.equal(d.mean, 3);
  assert.equal(d.min, 1);
  assert.equal(d.max, 5);
  assert.ok(Math.abs(d.sd - Math.sqrt(2.5)) < 1e-12);
  assert.ok(Math.abs(d.cv - Math.sqrt(2.5) / 3) < 1e-12);
  assert.ok(d.p75 >= 4 && d.p75 <= 5);
  assert.ok(d.p99 >= d.p75 && d.p99 <= 5);
  assert.deepEqual(xs, [5, 1, 4, 2, 3]);
});

test('an even-sized sample has the midpoint median; one sample has no spread', () => {
  assert.equal(describe([1, 2, 3, 10]).median, 2.5);
  const one = describe([7]);
  assert.equal(one.sd, 0);
  assert.equal(one.cv, 0);
});

test('an empty sample is a RangeError', () => {
  assert.throws(() => describe([]), RangeError);
});
