// Callback parameters become stubs returning a value of the declared return type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('callbacks return values of their declared return type; void callbacks pass their argument through', () => {
  const [pred, map, done] = firstArgs('types.ts', 'callbacks', 4) as Array<(...a: unknown[]) => any>;
  assert.equal(typeof pred, 'function');
  assert.equal(typeof pred(1), 'boolean');
  const point = map('a');
  assert.equal(typeof point.x, 'number');
  assert.equal(typeof point.y, 'number');
  assert.equal(done(42), 42);
});
