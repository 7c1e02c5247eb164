// A ...rest parameter is given n values, spread as separate arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('rest parameters are spread into n separate arguments', () => {
  const p = plan('types.ts', 'rest');
  assert.equal(p.recipe.restLast, true);
  const args = pool(p, 6, 1).args[0];
  assert.equal(args.length, 1 + 6);
  assert.equal(typeof args[0], 'string');
  assert.ok(args.slice(1).every((x) => typeof x === 'number'));
});
