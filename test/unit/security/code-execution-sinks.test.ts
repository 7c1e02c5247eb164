// eval, new Function, implied eval and child_process.exec with a parameter are reported as
// errors at the lines the fixture tags.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';
import { expectations, fixturePath, readFixture } from './fixture-expectations';

test('code-execution sinks are errors at the tagged lines', () => {
  const text = readFixture('sinks.ts');
  const findings = lintSecurity(fixturePath('sinks.ts'), text);
  const expected = expectations(text);
  for (const ruleId of ['no-eval', 'no-new-func', 'no-implied-eval', 'security/detect-child-process']) {
    const got = findings.filter((f) => f.ruleId === ruleId);
    assert.deepEqual(got.map((f) => f.line), expected.get(ruleId), `${ruleId} lines`);
    assert.ok(got.every((f) => f.severity === 'error'), `${ruleId} severity`);
  }
});

test('exec with a literal command is not reported', () => {
  const text = readFixture('sinks.ts');
  const literalLine = text.split('\n').findIndex((l) => l.includes("exec('ls ~')")) + 1;
  const findings = lintSecurity(fixturePath('sinks.ts'), text);
  assert.ok(literalLine > 0);
  assert.equal(findings.filter((f) => f.line === literalLine).length, 0);
});
