// Halstead measures: a hand-counted example, monotonic growth, and type syntax left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';

test('a tiny function matches its hand count', () => {
  // operators: return, +  (n1 = 2, N1 = 2); operands: a, b, each twice (n2 = 2, N2 = 4)
  const h = measureOne('function f(a, b) { return a + b; }', 'f', 'f.js').halstead;
  assert.equal(h.length, 6);
  assert.equal(h.vocabulary, 4);
  assert.equal(h.volume, 12); // 6 · log2 4
  assert.equal(h.difficulty, 2); // (2 / 2) · (4 / 2)
  assert.equal(h.effort, 24);
  assert.equal(h.bugs, 0); // 12 / 3000 rounds to 0.00
});

test('more operators and operands never lower volume or effort', () => {
  const bodies = [
    'return a;',
    'return a + b;',
    'return a + b * c;',
    'return (a + b * c) / (a - b);',
    'const t = (a + b * c) / (a - b); return t > 0 ? t : -t;',
    'const t = (a + b * c) / (a - b); if (t > 0) { return Math.sqrt(t) + Math.log(t); } return -t * c;',
  ];
  let previous = { volume: -1, length: -1 };
  for (const body of bodies) {
    const h = measureOne(`function f(a: number, b: number, c: number) { ${body} }`, 'f').halstead;
    assert.ok(h.length > previous.length, body);
    assert.ok(h.volume > previous.volume, body);
    // effort = D · V, up to the rounding of D and V to 2 decimals
    assert.ok(Math.abs(h.effort - h.difficulty * h.volume) <= (h.volume + h.difficulty) * 0.006, body);
    previous = h;
  }
});

test('type annotations, generics and assertions do not change Halstead measures', () => {
  const typed = measureOne(
    'function f<T extends object>(a: T, b: number): T | undefined { return b > 0 ? (a as T) : undefined; }',
    'f',
  ).halstead;
  const untyped = measureOne('function f(a, b) { return b > 0 ? a : undefined; }', 'f', 'f.js').halstead;
  assert.deepEqual(typed, untyped);
});
