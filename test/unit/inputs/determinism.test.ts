// The pool is a function of (recipe, size, seed): same seed, same values; entries differ from each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('same seed gives the same pool, another seed another pool, and pool entries vary', () => {
  const p = plan('types.ts', 'objects');
  const a = pool(p, 8, 12, {}, 1);
  const b = pool(p, 8, 12, {}, 1);
  const c = pool(p, 8, 12, {}, 2);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const distinct = new Set(a.args.map((x) => JSON.stringify(x)));
  assert.equal(distinct.size, 12, 'every argument list in the pool differs');
});
