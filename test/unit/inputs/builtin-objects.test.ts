// Date, RegExp, typed arrays and Buffer parameters get real instances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstArgs } from './plan-helpers';

test('Date, RegExp, Uint8Array and Buffer parameters are real instances, binary ones of length n', () => {
  const [d, re, bytes, buf] = firstArgs('types.ts', 'builtins', 12);
  assert.ok(d instanceof Date && !Number.isNaN(d.getTime()));
  assert.ok(re instanceof RegExp);
  assert.ok(bytes instanceof Uint8Array);
  assert.equal((bytes as Uint8Array).length, 12);
  assert.ok(Buffer.isBuffer(buf));
  assert.equal((buf as Buffer).length, 12);
});
