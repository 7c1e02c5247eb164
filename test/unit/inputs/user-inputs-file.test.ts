// .perflens/inputs.json at the workspace root wins over synthesized inputs, keyed by qualified name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, plan, pool } from './plan-helpers';

const root = join(FIXTURES, 'workspace');
const file = join(root, 'src', 'shapes.ts');

test('inputs.json args, examples, generate and params replace synthesized inputs', () => {
  const j = plan(file, 'join', root);
  assert.equal(j.source, 'user');
  assert.deepEqual(pool(j, 9, 1).args[0], [['a', 'b', 'c'], '-']);

  const a = plan(file, 'area', root);
  assert.deepEqual(pool(a, 9, 2).args, [[{ w: 2, h: 3 }], [{ w: 4, h: 5 }]], 'the file-qualified key matches');

  const g = plan(file, 'grow', root);
  assert.equal(g.sizeDependent, true);
  const [values, label] = pool(g, 11, 1).args[0] as [number[], string];
  assert.equal(values.length, 11);
  assert.equal(label, 'x'.repeat(11));

  const imp = plan(file, 'impossible', root);
  assert.equal(imp.problems.length, 0, 'a user example fixes an unsynthesizable parameter');
  assert.equal(pool(imp, 3, 1).args[0][0], 42);

  const untouched = plan(file, 'untouched', root);
  assert.equal(untouched.source, 'synthesized', 'functions without an entry are synthesized');
});
