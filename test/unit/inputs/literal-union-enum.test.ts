// Literal types, unions and enums: values are drawn from exactly the allowed members.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('literal unions and enums only produce their members; unions produce each alternative', () => {
  const lit = pool(plan('types.ts', 'literals'), 4, 40).args;
  for (const [mode, level, flag] of lit) {
    assert.ok(mode === 'fast' || mode === 'slow');
    assert.ok(level === 1 || level === 2 || level === 3);
    assert.equal(flag, true);
  }
  assert.equal(new Set(lit.map((a) => a[0])).size, 2, 'both string literals appear across the pool');

  const en = pool(plan('types.ts', 'enums'), 4, 40).args;
  assert.deepEqual(new Set(en.map((a) => a[0])), new Set([0, 1, 2]), 'numeric enum members');
  assert.deepEqual(new Set(en.map((a) => a[1])), new Set(['UP', 'DOWN']), 'string enum members');

  const un = pool(plan('types.ts', 'unions'), 4, 40).args;
  assert.deepEqual(new Set(un.map((a) => typeof a[0])), new Set(['string', 'number']));
  for (const [, maybe] of un) assert.ok(Array.isArray(maybe), 'an optional or nullable array is given as an array');
});
