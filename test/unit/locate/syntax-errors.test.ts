// A file with a syntax error still yields the functions around the broken one, plus the error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateFunctions } from '../../../server/src/locate/locate';

const text = `export function before(a: number) {
  return a + 1;
}

export function broken(xs: number[]) {
  const total = xs.reduce((a, b) => a +
}

export function after(s: string) {
  return s.length;
}
`;

test('functions outside the broken statement are still located', () => {
  const { functions, syntaxErrors } = locateFunctions('/virtual/broken.ts', text);
  const names = functions.map((f) => f.qualifiedName);
  assert.ok(names.includes('before'), `got ${names.join(', ')}`);
  assert.ok(names.includes('after'), `got ${names.join(', ')}`);
  assert.ok(!names.includes('broken'));
  assert.ok(syntaxErrors.length >= 1);
  assert.equal(syntaxErrors[0]!.line, 6, 'the error is reported at the closing brace, 0-based line 6');
});

test('ranges after a recovered error still point at the right lines', () => {
  const { functions } = locateFunctions('/virtual/broken.ts', text);
  const after = functions.find((f) => f.qualifiedName === 'after')!;
  assert.equal(after.range.start.line, 8);
  assert.equal(text.slice(after.start, after.end).startsWith('export function after'), true);
});

test('garbage input returns no functions and an error instead of throwing', () => {
  const r = locateFunctions('/virtual/garbage.ts', '}}}{{{ ((( function');
  assert.ok(r.syntaxErrors.length > 0);
  assert.deepEqual(r.functions, []);
});
