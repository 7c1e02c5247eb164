// Scenario: a slower change that removes security findings scores 75–90 and is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

test('50% slower but security findings 2 → 0: ACCEPT, score in 75–90', () => {
  const v = rulesVerdict(
    verdictInput(1.5, {
      before: { securityFindings: ['detect-eval-with-expression', 'no-unsafe-regex'] },
      after: { securityFindings: [] },
    }),
  );
  assert.equal(v.scenario, 'security-improvement');
  assert.ok(v.score >= 75 && v.score <= 90, `score ${v.score}`);
  assert.equal(v.recommendation, 'ACCEPT');
  assert.equal(v.source, 'rules');
});

test('a security intent without a removed finding stays in the band but asks for review', () => {
  const v = rulesVerdict(verdictInput(1.3, { intent: { note: 'sanitize user input before parsing' } }));
  assert.equal(v.scenario, 'security-improvement');
  assert.ok(v.score >= 75 && v.score <= 90, `score ${v.score}`);
  assert.equal(v.recommendation, 'REVIEW');
});
