// A type PerfLens cannot build yields an InputProblem naming the parameter, its type and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan } from './plan-helpers';

test('a never-typed parameter is reported with its name, type and how to give an example', () => {
  const p = plan('types.ts', 'impossible');
  assert.equal(p.problems.length, 1);
  const [problem] = p.problems;
  assert.equal(problem.param, 'x');
  assert.equal(problem.type, 'never');
  assert.match(problem.message, /impossible/);
  assert.match(problem.message, /@perflens param x/);
  assert.match(problem.message, /inputs\.json/);
  assert.equal(p.recipe.params.length, 2, 'the other parameter is still planned');
  assert.equal(p.recipe.params[1].kind, 'number');
});
