// shiftPosition: where a lens anchor goes when text changes before it, around it, or after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shiftPosition } from '../../../server/src/lsp/documents';

const at = (line: number, character: number) => ({ line, character });
const edit = (sl: number, sc: number, el: number, ec: number, text: string) => ({ range: { start: at(sl, sc), end: at(el, ec) }, text });

test('text inserted on earlier lines moves the position down by the inserted line count', () => {
  assert.deepEqual(shiftPosition(at(10, 4), edit(2, 0, 2, 0, 'a\nb\n')), at(12, 4));
});

test('lines deleted above move it up; an edit after it leaves it alone', () => {
  assert.deepEqual(shiftPosition(at(10, 4), edit(2, 0, 5, 0, '')), at(7, 4));
  assert.deepEqual(shiftPosition(at(10, 4), edit(11, 0, 12, 0, 'x\ny\nz\n')), at(10, 4));
});

test('an edit earlier on the same line shifts the character by the text it added', () => {
  assert.deepEqual(shiftPosition(at(3, 10), edit(3, 2, 3, 5, 'abcdef')), at(3, 13));
  assert.deepEqual(shiftPosition(at(3, 10), edit(3, 2, 3, 2, 'x\nyy')), at(4, 10));
});

test('a position inside replaced text collapses to the start of the replacement', () => {
  assert.deepEqual(shiftPosition(at(4, 1), edit(3, 0, 6, 0, 'new')), at(3, 0));
});

test('a full-document change (no range) leaves the position for the next analysis to fix', () => {
  assert.deepEqual(shiftPosition(at(4, 1), { text: 'whole file' }), at(4, 1));
});
