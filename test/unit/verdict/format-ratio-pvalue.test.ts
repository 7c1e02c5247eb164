// Ratios read as percentages within 2× and as factors beyond (×267, not "26599% slower"); one p-value text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRatio, formatPValue, formatRatio, pValueText } from '../../../server/src/format';

test('within 2× either way: a signed percentage', () => {
  assert.equal(formatRatio(1.234), '+23%');
  assert.equal(formatRatio(1.05), '+5.0%');
  assert.equal(formatRatio(0.875), '−13%');
  assert.equal(formatRatio(2), '+100%');
  assert.equal(formatRatio(0.5), '−50%');
});

test('beyond 2×: a factor, one decimal under 10', () => {
  assert.equal(formatRatio(266.99), '×267');
  assert.equal(formatRatio(2.71), '×2.7');
  assert.equal(formatRatio(0.25), '÷4.0');
  assert.equal(describeRatio(266.99), '×267 slower');
  assert.equal(describeRatio(0.1), '×10 faster');
  assert.equal(describeRatio(1.123), '12% slower');
});

test('p-values: two significant digits, and one text for what double precision cannot hold', () => {
  assert.equal(formatPValue(0.0034567), '0.0035');
  assert.equal(formatPValue(1.5e-279), '<1e-16');
  assert.equal(pValueText(1.5e-279), 'p<1e-16');
  assert.equal(pValueText(0.2), 'p=0.20');
});
