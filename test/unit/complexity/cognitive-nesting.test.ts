// Cognitive complexity: structures pay 1 plus their nesting level; if/else-if/else, loops, switch,
// catch, ternaries and anonymous callbacks deepen nesting; try, finally and else-if do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne, measureSource } from './measure-source';

const cases: Array<[label: string, body: string, cognitive: number]> = [
  ['ternary in if in loop', 'for (const x of a) { if (x) { y = x ? 1 : 2; } }', 1 + 2 + 3],
  ['else-if body nests like the if', 'if (a) { y = 1; } else if (b) { if (c) y = 2; }', 1 + 1 + 2],
  ['else body nests', 'if (a) { y = 1; } else { while (b) y++; }', 1 + 1 + 2],
  ['switch in while', 'while (a) { switch (b) { case 1: if (c) y = 1; } }', 1 + 2 + 3],
  ['try does not nest, catch does', 'try { if (a) y = 1; } catch { if (b) y = 2; } finally { if (c) y = 3; }', 1 + 1 + 2 + 1],
  ['callback deepens nesting', 'if (a) { a.forEach((x: any) => { if (x) y = 1; }); }', 1 + 3],
  ['nested ternary', 'y = a ? (b ? 1 : 2) : c ? 3 : 4;', 1 + 2 + 2],
  ['do-while in for-in', 'for (const k in a) { do { y++; } while (b); }', 1 + 2],
];

for (const [label, body, cognitive] of cases) {
  test(`${label}: cognitive ${cognitive}`, () => {
    const code = `function f(a: any, b: any, c: any) { let y: any = 0; ${body} return y; }`;
    assert.equal(measureOne(code, 'f').cognitive, cognitive);
  });
}

test('a nested located function starts again at nesting 0 and is left out of its parent', () => {
  const code = `function outer(a: any) {
    for (const x of a) {
      function inner(b: any) { if (b) { if (b.c) return 1; } return 0; }
      inner(x);
    }
  }`;
  const all = measureSource(code);
  assert.equal(all.get('outer')!.cognitive, 1);
  assert.equal(all.get('outer.inner')!.cognitive, 1 + 2);
});
