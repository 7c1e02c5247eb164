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
  const v = rulesVerdict(verdictInput(0.7, { before: { securityFindings: [] }, after: { securityFindings: ['no-eval'] } }));
  assert.equal(v.recommendation, 'REJECT');
  assert.match(v.reasoning, /no-eval/);
  assert.equal(v.ceiling?.score, 20);
});

test('no stated reason is said as such; a stated but unrecognised one moves towards REVIEW without blame', () => {
  const bare = rulesVerdict(verdictInput(1.4));
  assert.match(bare.reasoning, /No reason was given/);
  const stated = rulesVerdict(verdictInput(1.4, { intent: { commits: ['tweak the tokenizer loop as discussed with Ana'] } }));
  assert.equal(stated.scenario, 'unexplained-regression');
  assert.match(stated.reasoning, /no reason was recognised/);
  assert.doesNotMatch(stated.reasoning, /names no feature/);
  assert.ok(stated.score > bare.score, `${stated.score} > ${bare.score}`);
  assert.equal(stated.recommendation, 'REVIEW');
});
