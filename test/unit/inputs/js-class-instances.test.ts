// JavaScript classes: methods get a real instance, built with constructor arguments typed by their use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURES, plan, pool } from './plan-helpers';
import { join } from 'node:path';

// The fixture is plain JavaScript without types; required, as the sandbox child would load it.
const { Queue } = require(join(FIXTURES, 'classes.js')) as { Queue: new (...a: unknown[]) => object };

test('a JavaScript method is called on an instance whose constructor arguments follow their use', () => {
  const p = plan('classes.js', 'Queue.push');
  const [q] = pool(p, 4, 1, { Queue }).receivers as Array<{ capacity: number; label: string }>;
  assert.ok(q instanceof Queue);
  assert.equal(typeof q.capacity, 'number');
  assert.ok(!Number.isNaN(q.capacity), 'capacity was a number, used in arithmetic');
  assert.equal(typeof q.label, 'string', 'name was a string, toUpperCase() worked');
});

test('a JSDoc class type in JavaScript constructs that class', () => {
  const [queue] = pool(plan('classes.js', 'fill'), 4, 1, { Queue }).args[0];
  assert.ok(queue instanceof Queue);
});
