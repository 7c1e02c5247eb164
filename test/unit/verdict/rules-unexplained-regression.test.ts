// An unexplained slowdown is scored by its size: small ones go to review, over 50% is rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

test('10% slower without a reason: REVIEW; 2x slower without a reason: REJECT', () => {
  const small = rulesVerdict(verdictInput(1.1));
  const large = rulesVerdict(verdictInput(2));
  assert.equal(small.scenario, 'unexplained-regression');
  assert.equal(small.recommendation, 'REVIEW');
  assert.equal(large.recommendation, 'REJECT');
  assert.ok(large.score < small.score);
});

test('new security findings cap any scenario at REJECT', () => {
  const v = rulesVerdict(verdictInput(0.7, { before: { securityFindings: [] }, after: { securityFindings: ['detect-eval-with-expression'] } }));
  assert.equal(v.recommendation, 'REJECT');
  assert.match(v.reasoning, /detect-eval-with-expression/);
});
