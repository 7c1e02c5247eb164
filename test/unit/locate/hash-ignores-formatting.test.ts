// The content hash is the version identity: reformatting and comments must not change it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateFunctions } from '../../../server/src/locate/locate';

const one = (text: string) => locateFunctions('/virtual/h.ts', text).functions[0]!;

const original = 'function sum(xs: number[]) { let t = 0; for (const x of xs) t += x; return t; }';
const reformatted = `// running total
function sum(
  xs: number[], // the values
) {
  /* start at zero */
  let t = 0;
  for (const x of xs) t += x;
  return t;
}`;

test('whitespace, newlines and comments keep the hash', () => {
  assert.equal(one(reformatted).hash, one(original).hash);
  assert.equal(one(reformatted).bodyHash, one(original).bodyHash);
});

test('a changed token changes the hash', () => {
  const changed = original.replace('t += x', 't += x * 2');
  assert.notEqual(one(changed).hash, one(original).hash);
  assert.notEqual(one(changed).bodyHash, one(original).bodyHash);
});

test('a rename changes the hash but keeps the body hash', () => {
  const renamed = original.replace('function sum', 'function total');
  assert.notEqual(one(renamed).hash, one(original).hash);
  assert.equal(one(renamed).bodyHash, one(original).bodyHash);
});

test('a string literal change is a change even when only whitespace inside it differs', () => {
  const a = one("function f() { return 'a b'; }");
  const b = one("function f() { return 'a  b'; }");
  assert.notEqual(a.hash, b.hash);
});

test('what formatters change (semicolons, trailing commas, quote style) keeps the hash', () => {
  const a = one("function f(a, b) { const s = 'x'; return [a, b] }");
  const b = one('function f(\n  a,\n  b,\n) {\n  const s = "x"\n  return [a, b,];\n}\n');
  assert.equal(a.hash, b.hash);
});
