// Class-typed parameters and method receivers: constructed through the module's binding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';
import { Counter, obj } from '../../fixtures/inputs/types';

test('a class parameter is constructed with synthesized constructor arguments', () => {
  const p = plan('types.ts', 'instance');
  assert.deepEqual(p.recipe.bindings, ['Counter']);
  const [c] = pool(p, 4, 1, { Counter }).args[0] as [Counter];
  assert.ok(c instanceof Counter);
  assert.equal(typeof c.start, 'number');
  assert.equal(typeof c.name, 'string');
});

test('without the binding, a class parameter falls back to an object of the same shape', () => {
  const [c] = pool(plan('types.ts', 'instance'), 4, 1, {}).args[0] as [Record<string, unknown>];
  assert.ok(!(c instanceof Counter));
  assert.equal(typeof c.start, 'number');
  assert.equal(typeof c.add, 'function');
});

test('an instance method gets an instance receiver; a static one the class; an object method its object', () => {
  const add = plan('types.ts', 'Counter.add');
  assert.ok(pool(add, 4, 1, { Counter }).receivers[0] instanceof Counter);
  assert.equal(pool(plan('types.ts', 'Counter.make'), 4, 1, { Counter }).receivers[0], Counter);
  const objAdd = plan('types.ts', 'obj.add');
  assert.deepEqual(objAdd.recipe.bindings, ['obj']);
  assert.equal(pool(objAdd, 4, 1, { obj }).receivers[0], obj);
});
