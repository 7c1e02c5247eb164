// Untyped JavaScript parameters: the body's use decides the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('indexing and .length mean array; string methods string; arithmetic number', () => {
  const [list] = firstArgs('untyped.js', 'indexed', 6);
  assert.ok(Array.isArray(list) && list.length === 6);
  const [text] = firstArgs('untyped.js', 'stringy', 6);
  assert.equal(typeof text, 'string');
  const [a, b] = firstArgs('untyped.js', 'arithmetic', 6);
  assert.equal(typeof a, 'number');
  assert.equal(typeof b, 'number');
});

test('await means promise, a call means function, property reads mean an object with those fields', () => {
  const [job] = firstArgs('untyped.js', 'awaited', 3);
  assert.ok(job instanceof Promise);
  const [fn] = firstArgs('untyped.js', 'called', 3);
  assert.equal(typeof fn, 'function');
  const [user] = firstArgs('untyped.js', 'fields', 3) as [Record<string, unknown>];
  assert.deepEqual(Object.keys(user).sort(), ['first', 'greet', 'last']);
  assert.equal(typeof user.greet, 'function');
});
