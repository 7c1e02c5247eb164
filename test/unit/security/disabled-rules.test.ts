// disabledRules turns off exactly the rules named, and the cached configuration of one call
// does not leak into the next.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

const code = 'export function f(x: string) { eval(x); return new Function(x); }\n';

test('a disabled rule is not reported; the others still are', () => {
  const ids = (disabledRules?: string[]) => lintSecurity('/buffer/d.ts', code, { disabledRules }).map((f) => f.ruleId).sort();
  assert.deepEqual(ids(), ['no-eval', 'no-new-func']);
  assert.deepEqual(ids(['no-eval']), ['no-new-func']);
  assert.deepEqual(ids(), ['no-eval', 'no-new-func']);
});
