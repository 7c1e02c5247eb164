// Walks over a whole collection inside an iteration are counted: the shape of an accidental quadratic,
// whatever inputs the benchmark happened to measure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';

const scans = (code: string, name: string) => measureOne(code, name).nestedScans;

test('indexOf inside a filter callback, includes inside a loop, spread of the accumulator inside reduce', () => {
  assert.equal(scans('function f(t: string[]) { return t.filter((x, i) => t.indexOf(x) === i); }', 'f'), 1);
  assert.equal(scans('function f(a: number[], b: number[]) { const o = []; for (const x of a) if (b.includes(x)) o.push(x); return o; }', 'f'), 1);
  assert.equal(scans('function f(r: {id: string}[]) { return r.reduce((acc, x) => ({ ...acc, [x.id]: x }), {}); }', 'f'), 1);
  assert.equal(scans('function f(r: number[][]) { let out: number[] = []; for (let i = 0; i < r.length; i++) { out = out.concat(r[i]); } return out; }', 'f'), 1);
  assert.equal(scans('function f(o: Record<string, number>[]) { let n = 0; while (n < o.length) { n += Object.keys(o[n]).length; } return n; }', 'f'), 1);
});

test('the same work outside any iteration, or with a Set or Map, counts nothing', () => {
  assert.equal(scans('function f(t: string[]) { return [...new Set(t)]; }', 'f'), 0);
  assert.equal(scans('function f(a: number[], b: number[]) { const s = new Set(b); return a.filter((x) => s.has(x)); }', 'f'), 0);
  assert.equal(scans('function f(a: number[]) { const i = a.indexOf(3); return a.slice(0, i).map((x) => x * 2); }', 'f'), 0);
  assert.equal(scans('function f(a: number[]) { let s = 0; for (const x of a) s += x; return s; }', 'f'), 0);
});

test('a nested declared function is measured on its own, not as part of the loop around its declaration', () => {
  const code = 'function outer(a: number[]) { for (const x of a) { function inner(b: number[]) { return b.indexOf(x); } inner(a); } }';
  assert.equal(scans(code, 'outer'), 0);
});
