// Optional and defaulted parameters are still given values, so the function does its real work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs, plan } from './plan-helpers';

test('optional and default parameters get values of their declared or inferred type', () => {
  const [a, b, c, d] = firstArgs('types.ts', 'optionalDefault', 4);
  assert.equal(typeof a, 'number');
  assert.equal(typeof b, 'string', 'b?: string is given a string, not undefined');
  assert.equal(typeof c, 'number', 'c = 10 is a number');
  assert.equal(typeof d, 'boolean');
  assert.equal(plan('types.ts', 'optionalDefault').problems.length, 0);
});
