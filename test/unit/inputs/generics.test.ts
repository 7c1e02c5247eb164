// Type parameters are built from their constraint, else their default, else as untyped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('generic parameters follow their constraint or default', () => {
  const [items, key, free] = firstArgs('types.ts', 'generics', 3);
  assert.ok(Array.isArray(items) && items.every((x) => typeof x === 'string'), 'T extends string[]');
  assert.equal(typeof key, 'number', 'K = number');
  assert.ok(Array.isArray(free), 'unknown becomes the untyped fallback, n integers');
});
