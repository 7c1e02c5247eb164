// materialize() reports what it cannot build with a message naming the binding or expression to fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { materialize, MaterializeError } from '../../../server/src/profile/inputs/materialize';
import type { InputRecipe } from '../../../server/src/profile/inputs/recipe';

const opts = { size: 3, seed: 1, count: 2, bindings: {} as Record<string, unknown> };

test('a missing class binding, a throwing constructor and a failing user expression raise MaterializeError naming the culprit', () => {
  const missing: InputRecipe = { params: [{ kind: 'instance', binding: 'Store', args: [] }], bindings: ['Store'] };
  assert.throws(() => materialize(missing, opts), (e: unknown) => e instanceof MaterializeError && /'Store'/.test(e.message));

  class Boom {
    constructor() {
      throw new Error('no config');
    }
  }
  const throwing: InputRecipe = { params: [{ kind: 'instance', binding: 'Boom', args: [] }], bindings: ['Boom'] };
  assert.throws(() => materialize(throwing, { ...opts, bindings: { Boom } }), (e: unknown) => e instanceof MaterializeError && /Boom/.test(e.message) && /no config/.test(e.message));

  const withFallback: InputRecipe = { params: [{ kind: 'instance', binding: 'Boom', args: [], fallback: { kind: 'object', fields: [{ name: 'id', value: { kind: 'literal', value: 7 } }] } }], bindings: ['Boom'] };
  assert.deepEqual(materialize(withFallback, { ...opts, bindings: { Boom } }).args[0], [{ id: 7 }], 'the shape fallback is used when construction fails');

  const badExpr: InputRecipe = { params: [{ kind: 'expr', source: 'undefinedThing.length' }], bindings: [] };
  assert.throws(() => materialize(badExpr, opts), (e: unknown) => e instanceof MaterializeError && /undefinedThing\.length/.test(e.message));
});

test('user expressions see n, i, rand() and the module bindings', () => {
  const r: InputRecipe = { params: [{ kind: 'expr', source: '[n, i, typeof rand(), LIMIT]' }], bindings: ['LIMIT'] };
  const { args } = materialize(r, { size: 9, seed: 1, count: 2, bindings: { LIMIT: 64 } });
  assert.deepEqual(args.map((a) => a[0]), [[9, 0, 'number', 64], [9, 1, 'number', 64]]);
});
