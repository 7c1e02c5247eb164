// Untyped JavaScript: `this.x` reads shape a receiver; parameters only passed on are typed by their names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('a plain function reading this.x gets a receiver with those members, shaped by their use', () => {
  const p = plan('untyped.js', 'usesThis');
  const { receivers } = pool(p, 5, 1);
  const self = receivers[0] as { items: unknown[]; offset: unknown; format: unknown };
  assert.ok(Array.isArray(self.items) && self.items.length === 5);
  assert.equal(typeof self.offset, 'number');
  assert.equal(typeof self.format, 'function');
});

test('parameters the body only passes on are typed by conventional names', () => {
  const [callback, str, obj] = pool(plan('untyped.js', 'passesOn'), 5, 1).args[0];
  assert.equal(typeof callback, 'function');
  assert.equal(typeof str, 'string');
  assert.equal(Object.getPrototypeOf(obj), Object.prototype);
  assert.equal(Object.keys(obj as object).length, 5);
});
