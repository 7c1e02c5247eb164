// Bidirectional control characters (Trojan Source) are reported as errors; the rule is skipped
// only for texts that contain none of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

test('a right-to-left override in a comment is an error at its line', () => {
  const text = 'export const isAdmin = false;\n/* \u202E } \u2066 if (isAdmin) \u2069 \u2066 */\nexport const x = 1;\n';
  const bidi = lintSecurity('/buffer/trojan.ts', text).filter((f) => f.ruleId === 'security/detect-bidi-characters');
  assert.ok(bidi.length > 0);
  assert.ok(bidi.every((f) => f.line === 2 && f.severity === 'error'));
});

test('the same code without the characters gives no bidi finding', () => {
  const text = 'export const isAdmin = false;\n/* } if (isAdmin) */\nexport const x = 1;\n';
  assert.deepEqual(lintSecurity('/buffer/plain.ts', text).filter((f) => f.ruleId === 'security/detect-bidi-characters'), []);
});
