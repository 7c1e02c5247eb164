// Arrays (also readonly and generic spellings) and tuples, including a rest element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('arrays hold n elements of their element type; tuples keep their positions', () => {
  const [a, b, c, d] = firstArgs('types.ts', 'arrays', 7) as unknown[][];
  assert.equal(a.length, 7);
  assert.ok(a.every((x) => typeof x === 'number'));
  assert.ok(b.every((x) => typeof x === 'string'));
  assert.ok(c.every((x) => typeof x === 'boolean'));
  assert.ok(d.every((p) => typeof (p as { x: unknown }).x === 'number' && typeof (p as { y: unknown }).y === 'number'));

  const [t, r] = firstArgs('types.ts', 'tuples', 4) as unknown[][];
  assert.equal(t.length, 2);
  assert.equal(typeof t[0], 'string');
  assert.equal(typeof t[1], 'number');
  assert.equal(typeof r[0], 'boolean');
  assert.equal(r.length, 1 + 4, 'the rest element is repeated n times');
  assert.ok(r.slice(1).every((x) => typeof x === 'number'));
});
