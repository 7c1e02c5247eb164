// Promise parameters resolve to a value of their type; async callbacks return promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('Promise<T> parameters and () => Promise<T> callbacks resolve to T', async () => {
  const [p, lazy] = firstArgs('types.ts', 'promises', 5) as [Promise<unknown>, () => Promise<unknown>];
  assert.ok(p instanceof Promise);
  const arr = await p;
  assert.ok(Array.isArray(arr) && arr.length === 5 && arr.every((x) => typeof x === 'number'));
  const s = lazy();
  assert.ok(s instanceof Promise);
  assert.equal(typeof (await s), 'string');
});
