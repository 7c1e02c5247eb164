// TS primitives become values of their runtime type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('string, number, boolean, bigint and symbol parameters get values of those types', () => {
  const [s, n, b, big, sym] = firstArgs('types.ts', 'primitives', 6);
  assert.equal(typeof s, 'string');
  assert.equal((s as string).length, 6, 'a string parameter has the size n');
  assert.equal(typeof n, 'number');
  assert.ok(Number.isInteger(n));
  assert.equal(typeof b, 'boolean');
  assert.equal(typeof big, 'bigint');
  assert.equal(typeof sym, 'symbol');
});
