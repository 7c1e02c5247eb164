// Cognitive complexity ignores shorthand (`?.`, defaults, logical assignment) but counts each
// jump to a label; plain break/continue/return are free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';

test('?., default parameters and logical assignment cost nothing', () => {
  const code = `function f(a: any, n = 1, { k = 2 } = {}) {
    a.x ??= a?.y?.z;
    a.w ||= n;
    a.v &&= k;
    return a?.();
  }`;
  const m = measureOne(code, 'f');
  assert.equal(m.cognitive, 0);
  // ...while every one of them is a cyclomatic decision: 3 defaults, 3 logical assignments, 3 `?.`
  assert.equal(m.cyclomatic, 1 + 3 + 3 + 3);
});

test('labelled break and continue add 1 each; unlabelled jumps add nothing', () => {
  const labelled = `function f(a: any[][]) {
    rows: for (const r of a) { for (const c of r) { if (c) continue rows; if (!c) break rows; } }
  }`;
  const plain = `function f(a: any[][]) {
    for (const r of a) { for (const c of r) { if (c) continue; if (!c) break; } }
  }`;
  // for +1, for +2, if +3, if +3
  assert.equal(measureOne(plain, 'f').cognitive, 9);
  assert.equal(measureOne(labelled, 'f').cognitive, 11);
});
