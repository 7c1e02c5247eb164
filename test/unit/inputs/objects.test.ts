// Interfaces, type aliases, discriminated unions, nested and recursive object types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs, plan, pool } from './plan-helpers';

test('object types get every required property with a value of its type', () => {
  const [p, s, nested] = firstArgs('types.ts', 'objects', 3) as Array<Record<string, any>>;
  assert.equal(typeof p.x, 'number');
  assert.equal(typeof p.y, 'number');
  assert.ok(s.kind === 'circle' ? typeof s.r === 'number' : typeof s.side === 'number', 'a discriminated union member is consistent');
  assert.ok(Array.isArray(nested.inner.list));
  assert.ok(nested.inner.list.every((x: unknown) => typeof x === 'string'));
});

test('optional properties are present in some pool entries and absent in others', () => {
  const labels = pool(plan('types.ts', 'objects'), 3, 40).args.map((a) => 'label' in (a[0] as object));
  assert.ok(labels.includes(true) && labels.includes(false));
});

test('recursive types end with an empty list or null instead of looping', () => {
  const [tree, list] = firstArgs('types.ts', 'recursive', 3) as Array<Record<string, any>>;
  assert.equal(typeof tree.value, 'number');
  assert.deepEqual(tree.children, []);
  assert.equal(typeof list.value, 'string');
  assert.equal(list.next, null);
});
