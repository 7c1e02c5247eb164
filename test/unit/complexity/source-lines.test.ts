// SLOC counts lines that hold code: blank lines, comment-only lines and nested located functions
// are left out; a multi-line template literal counts every line it spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';

test('blank and comment-only lines are not source lines', () => {
  const code = `function f(a: number) {
  // a comment

  /* a block
     comment */
  const b = a + 1; // trailing comment

  return b;
}`;
  assert.equal(measureOne(code, 'f').sloc, 4); // header, const, return, closing brace
});

test('a multi-line template literal counts every line it spans', () => {
  const code = 'function f(a: number) {\n  return `x\n${a}\ny`;\n}';
  assert.equal(measureOne(code, 'f').sloc, 5);
});

test('a nested named function is not counted in its parent, its call is', () => {
  const code = `function outer() {
  function inner() {
    return 1;
  }
  return inner();
}`;
  assert.equal(measureOne(code, 'outer').sloc, 3);
  assert.equal(measureOne(code, 'outer.inner').sloc, 3);
});
