// Scenario: an attempted optimisation that made the function slower scores 10–25 and is rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

test('"optimise the sort" then 2x slower: REJECT, score 10–25', () => {
  const v = rulesVerdict(verdictInput(2, { intent: { note: 'optimise the sort with a hand-written loop' } }));
  assert.equal(v.scenario, 'failed-optimisation');
  assert.ok(v.score >= 10 && v.score <= 25, `score ${v.score}`);
  assert.equal(v.recommendation, 'REJECT');
});

test('the same intent with a real speed-up is an improvement, not a failure', () => {
  const v = rulesVerdict(verdictInput(0.6, { intent: { note: 'optimise the sort' } }));
  assert.equal(v.scenario, 'improvement');
  assert.equal(v.recommendation, 'ACCEPT');
});
