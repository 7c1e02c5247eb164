// linesThatGrewText names at most three grown lines, largest first, with their growth and `new`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grownLinesMarkdown } from '../../../server/src/cli/check';
import { linesThatGrewText } from '../../../server/src/format';
import { grownLines } from '../../../server/src/profile/lines/diff';
import type { LineDelta } from '../../../server/src/profile/lines/types';

const d = (line: number, delta: number, status: LineDelta['status'] = 'changed'): LineDelta => ({ file: '/w/a.ts', line, text: `stmt${line}();`, baselineNsPerCall: 0, currentNsPerCall: delta, deltaNsPerCall: delta, status });

test('three largest growths, shrinking lines left out', () => {
  const text = linesThatGrewText(grownLines([d(17, 1900, 'new'), d(3, 120), d(9, 40), d(11, 2), d(5, -300)]));
  assert.equal(text, 'Lines whose cost grew most: line 17 (+1.90 µs/call, new): `stmt17();`; line 3 (+120 ns/call): `stmt3();`; line 9 (+40.0 ns/call): `stmt9();`.');
});

test('nothing grew: empty text', () => {
  assert.equal(linesThatGrewText(grownLines([d(5, -300)])), '');
});

test('the Markdown section of check --report lists the grown lines with their code', () => {
  const md = grownLinesMarkdown('parse', 'src/a.ts', [d(17, 1900, 'new'), { ...d(3, 120), text: 'a | b' }, d(5, -300)]);
  assert.equal(
    md,
    ['#### Lines that grew most in `parse` (src/a.ts)', '', '| Line | Change per call | Code |', '|---|---|---|', '| a.ts:17 | +1.90 µs (new) | `stmt17();` |', '| a.ts:3 | +120 ns | `a \\| b` |', ''].join('\n'),
  );
  assert.equal(grownLinesMarkdown('parse', 'src/a.ts', [d(5, -300)]), '');
});
