// Size n: collections, strings and count-like numbers scale; nested collections stay small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('collections, strings and counts scale with n; inner collections stay small; sizeDependent says so', () => {
  const arrays = plan('types.ts', 'arrays');
  assert.equal(arrays.sizeDependent, true);
  for (const n of [1, 10, 100]) {
    const [a] = pool(arrays, n, 1).args[0] as unknown[][];
    assert.equal(a.length, n);
  }
  const coll = plan('types.ts', 'collections');
  const [, m] = pool(coll, 50, 1).args[0] as [unknown, Map<string, unknown>];
  assert.equal(m.size, 50);
  const nested = plan('untyped.js', 'documented');
  const [, , meta] = pool(nested, 64, 1).args[0] as [unknown, unknown, { tags: string[] }];
  assert.equal(meta.tags.length, 64, 'the outermost collection of a parameter scales');
  const [d] = pool(plan('types.ts', 'arrays'), 64, 1).args[0].slice(3) as [Array<{ label?: string }>];
  assert.ok(d.every((p) => (p.label ?? '').length <= 8), 'strings inside a scaled array stay short');
  const counts = plan('types.ts', 'counts');
  const [n, items, limit] = pool(counts, 33, 1).args[0] as [number, string[], number];
  assert.equal(n, 33, 'a parameter named n is the size');
  assert.equal(limit, 33);
  assert.equal(items.length, 33);
  assert.equal(plan('types.ts', 'literals').sizeDependent, false);
});
