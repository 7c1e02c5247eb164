// A file that does not parse, or is not JS/TS, gives no findings and does not throw;
// the locator is the one that reports syntax errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

test('a syntax error gives [] even when the parsed part has sinks', () => {
  assert.deepEqual(lintSecurity('/buffer/broken.ts', 'eval(x);\nfunction (\n'), []);
  // Sanity: the same sink in a file that parses is reported, so [] above is due to the error.
  assert.equal(lintSecurity('/buffer/ok.ts', 'eval(x);\n').length, 1);
});

test('a non-JS/TS file gives []', () => {
  assert.deepEqual(lintSecurity('/buffer/notes.md', 'eval(x);\n'), []);
});
