// In JavaScript the checker reads JSDoc types; default values type their parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs, plan } from './plan-helpers';

test('JSDoc @param types shape the values of a JavaScript function', () => {
  const [values, sep, meta, keep] = firstArgs('untyped.js', 'documented', 5) as [unknown[], unknown, any, (x: number) => unknown];
  assert.ok(Array.isArray(values) && values.length === 5 && values.every((x) => typeof x === 'number'));
  assert.equal(typeof sep, 'string');
  assert.equal(typeof meta.name, 'string');
  assert.ok(Array.isArray(meta.tags));
  assert.equal(typeof keep(1), 'boolean');
  assert.equal(plan('untyped.js', 'documented').params[0].type, 'number[]');
});

test('default values type untyped JavaScript parameters', () => {
  const [count, label, enabled] = firstArgs('untyped.js', 'defaults', 5);
  assert.equal(typeof count, 'number');
  assert.equal(typeof label, 'string');
  assert.equal(typeof enabled, 'boolean');
});
