// Cognitive complexity: each run of like binary logical operators costs 1, read left to right
// through parentheses; a negation or call starts a new expression (SonarSource whitepaper, B1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';

const cases: Array<[expression: string, cognitive: number]> = [
  ['a && b', 1],
  ['a && b && c', 1],
  ['a && b || c', 2],
  ['a || b && c || d', 3],
  ['(a && b) && (c && d)', 1],
  ['a && !(b && c)', 2],
  ['a ?? b ?? c', 1],
  ['a ?? b || c', 2],
  ['a && b && c || d || e && f', 3], // the whitepaper's own example
  ['g(a && b) || c', 2],
  ['a === b', 0],
];

for (const [expression, cognitive] of cases) {
  test(`\`${expression}\` has cognitive complexity ${cognitive}`, () => {
    const code = `function f(a: any, b: any, c: any, d: any, e: any, g: any) { return ${expression}; }`;
    assert.equal(measureOne(code, 'f').cognitive, cognitive);
  });
}

test('sequences inside conditions add to the structure increments, without nesting penalty', () => {
  // if +1, `a && b || c` +2; the inner if is nested: +2, `d || e` +1
  const code = `function f(a: any, b: any, c: any, d: any, e: any) {
    if (a && b || c) { if (d || e) return 1; }
    return 0;
  }`;
  assert.equal(measureOne(code, 'f').cognitive, 6);
});
