// The context read around a change: comments (not the ones inside strings), comments the change added, and the
// module-level declarations either version uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateFunctions } from '../../../server/src/locate/locate';
import { changeIntent, commentsIn, moduleDeclarationsUsed } from '../../../server/src/verdict/context';

test('comments are found by the scanner: a // inside a string or a regex is not one', () => {
  const code = "const url = 'http://x'; // real one\nconst re = /\\/\\/not/; /* block */\n/** doc */";
  assert.deepEqual(commentsIn(code), ['real one', 'block']);
});

test('only comments the change added count, inside the function or just above it; old and new docs both kept', () => {
  const oldText = '/** Sums. */\nexport function sum(xs: number[]) {\n  // loop\n  let s = 0;\n  for (const x of xs) s += x;\n  return s;\n}\n';
  const newText = '// Kahan summation: slower, but exact for long lists.\n/** Sums, compensated. */\nexport function sum(xs: number[]) {\n  // loop\n  let s = 0;\n  let c = 0;\n  for (const x of xs) { const y = x - c; const t = s + y; c = (t - s) - y; s = t; }\n  return s;\n}\n';
  const oldFn = locateFunctions('/a.ts', oldText).functions[0]!;
  const newFn = locateFunctions('/a.ts', newText).functions[0]!;
  const intent = changeIntent({ text: oldText, fn: oldFn }, { text: newText, fn: newFn }, { note: 'n' });
  assert.deepEqual(intent.comments, ['Kahan summation: slower, but exact for long lists.']);
  assert.equal(intent.oldDoc, 'Sums.');
  assert.equal(intent.doc, 'Sums, compensated.');
  assert.equal(intent.note, 'n');
});

test('module declarations used by either version, not the function itself, not unused ones', () => {
  const text = "import { join } from 'node:path';\nconst LIMIT = 64;\nconst UNUSED = 1;\ntype Row = { id: string };\nexport function f(rows: Row[]) {\n  return rows.slice(0, LIMIT);\n}\n";
  const fn = locateFunctions('/m.ts', text).functions[0]!;
  const decls = moduleDeclarationsUsed(text, '/m.ts', ['function f(rows: Row[]) { return join(rows[0].id); }', text.slice(fn.start, fn.end)], fn);
  assert.deepEqual(decls, ["import { join } from 'node:path';", 'const LIMIT = 64;', 'type Row = { id: string };']);
});
