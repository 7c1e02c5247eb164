// A finding's offset, line and column all point at the same place in the text given,
// including after a byte-order mark and in an unsaved buffer that differs from the file on disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

/** 1-based line/column of a UTF-16 offset, counting \n, \r\n and \r as breaks. */
function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).replace(/^\uFEFF/, '');
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

test('offset, line and column agree, with CRLF line ends and non-ASCII text before the finding', () => {
  const text = 'const s = "héllo 😀";\r\nexport function f(x: string) {\r\n  return eval(x);\r\n}\r\n';
  const [finding] = lintSecurity('/not/on/disk/buffer.ts', text);
  assert.ok(finding);
  assert.ok(text.startsWith('eval(x)', finding.offset), `offset ${finding.offset} points at ${JSON.stringify(text.slice(finding.offset, finding.offset + 7))}`);
  assert.deepEqual(lineColumnOf(text, finding.offset), { line: finding.line, column: finding.column });
});

test('a leading byte-order mark is counted in the offset', () => {
  const text = '\uFEFFeval(x);\n';
  const [finding] = lintSecurity('/not/on/disk/buffer.js', text);
  assert.ok(finding);
  assert.ok(text.startsWith('eval(x)', finding.offset));
});
