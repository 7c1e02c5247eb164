// Two unbounded repetitions are ambiguous only when the second can start inside the first's run: a separator the
// first cannot take (`\w+(?: \w+)*`) makes the split unique, so it is not reported; `\d+\d*` still is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

const polynomial = (re: string) => lintSecurity('/t.ts', `export const r = ${re};`).filter((f) => f.ruleId === 'perflens/polynomial-regex').length;

test('a separated list pattern is linear; overlapping neighbours are still polynomial', () => {
  assert.equal(polynomial('/^\\w+(?: \\w+)*$/'), 0);
  assert.equal(polynomial('/^(?:\\w+(?:, \\w+)*)?$/'), 0);
  assert.equal(polynomial('/^\\d+\\d*$/'), 1);
  assert.equal(polynomial('/^\\s*\\w*\\s*$/'), 1);
});
