// Template-literal and branded types, and free type parameters: values of the shape the type promises,
// and callbacks (key, comparator, predicate) that answer from their arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';
import { formatOk } from '../../../server/src/profile/inputs/formats';

test('`user-${number}` builds matching strings; a branded Email is an email', () => {
  for (const [to, user] of pool(plan('names.ts', 'branded'), 5, 8).args) {
    assert.ok(formatOk('email', to), String(to));
    assert.match(String(user), /^user-\d+$/);
  }
});

test('groupBy<T> gets elements and a key callback that spreads them over several groups', () => {
  const [items, key] = pool(plan('names.ts', 'groupBy'), 40, 1).args[0] as [unknown[], (x: unknown) => string];
  assert.ok(items.every((x) => typeof x === 'number'), 'a free T is a plain value, not an array');
  const groups = new Set(items.map(key));
  assert.ok(groups.size >= 3, `${groups.size} groups`);
});

test('a comparator orders its arguments and a predicate keeps some and drops others', () => {
  const [xs, compare, keep] = pool(plan('names.ts', 'sortWith'), 40, 1).args[0] as [number[], (a: number, b: number) => number, (x: number) => boolean];
  assert.ok(compare(1, 2) < 0 && compare(2, 1) > 0 && compare(3, 3) === 0);
  const kept = xs.filter(keep).length;
  assert.ok(kept > 0 && kept < xs.length, `${kept} of ${xs.length} kept`);
});
