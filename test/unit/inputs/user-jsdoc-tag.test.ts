// @perflens tags in the function's JSDoc win over synthesized inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('@perflens args lists are cycled through the pool and may scale with n', () => {
  const p = plan('user.ts', 'sumFirst');
  assert.equal(p.source, 'user');
  assert.equal(p.sizeDependent, true);
  const { args } = pool(p, 4, 4);
  assert.deepEqual(args[0], [[0, 1, 2, 3], 2]);
  assert.deepEqual(args[1], [[5, 6, 7], 1]);
  assert.deepEqual(args[2], args[0]);
  assert.match(p.params[0].example, /Array\.from/);
});

test('@perflens param overrides one parameter and the others are synthesized', () => {
  const p = plan('user.ts', 'lookup');
  assert.equal(p.source, 'user');
  const { args } = pool(p, 4, 3);
  assert.deepEqual(args.map((a) => a[1]), ['k0', 'k1', 'k2']);
  assert.ok(args[0][0] instanceof Map);
});

test('a malformed tag is reported as a problem saying what to write', () => {
  const p = plan('user.ts', 'broken');
  assert.equal(p.problems.length, 1);
  assert.match(p.problems[0].message, /array literal/);
});
