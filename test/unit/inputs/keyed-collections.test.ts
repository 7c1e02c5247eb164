// Record, Map, Set and index signatures: n distinct keys with values of the declared types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('Record, Map, Set and index signatures have n entries of the right types', () => {
  const [r, m, s, idx] = firstArgs('types.ts', 'collections', 9) as [Record<string, unknown>, Map<unknown, any>, Set<unknown>, Record<string, unknown>];
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.equal(Object.keys(r).length, 9);
  assert.ok(Object.values(r).every((v) => typeof v === 'number'));
  assert.ok(m instanceof Map);
  assert.equal(m.size, 9);
  assert.ok([...m].every(([k, v]) => typeof k === 'string' && typeof v.x === 'number'));
  assert.ok(s instanceof Set);
  assert.equal(s.size, 9, 'set elements are distinct, so the set really has n members');
  assert.ok([...s].every((v) => typeof v === 'number'));
  assert.equal(Object.keys(idx).length, 9);
  assert.ok(Object.values(idx).every((v) => typeof v === 'boolean'));
});
