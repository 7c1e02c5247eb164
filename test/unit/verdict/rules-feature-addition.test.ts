// Scenario: a feature addition is accepted under 30% slower, reviewed up to 2×, rejected beyond 2× without a stated reason for the cost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const intent = { commits: ['Add support for a reviver option'] };

test('20% slower with an added feature: ACCEPT', () => {
  const v = rulesVerdict(verdictInput(1.2, { intent }));
  assert.equal(v.scenario, 'feature-addition');
  assert.ok(v.score >= 80, `score ${v.score}`);
  assert.equal(v.recommendation, 'ACCEPT');
});

test('60% slower with an added feature: REVIEW', () => {
  const v = rulesVerdict(verdictInput(1.6, { intent }));
  assert.equal(v.scenario, 'feature-addition');
  assert.equal(v.recommendation, 'REVIEW');
});

test('×3 for a feature: REJECT without a reason for the cost, REVIEW when the author explains it', () => {
  const bare = rulesVerdict(verdictInput(3, { intent }));
  assert.equal(bare.recommendation, 'REJECT');
  assert.match(bare.reasoning, /more than doubles the time/);
  const explained = rulesVerdict(verdictInput(3, { intent: { commits: ['Add support for a reviver option; the extra pass costs time, worth it for correct dates'] } }));
  assert.equal(explained.recommendation, 'REVIEW');
});

test('a new parameter counts as a feature without any stated intent', () => {
  const v = rulesVerdict(verdictInput(1.15, { after: { params: 2 }, before: { params: 1 } }));
  assert.equal(v.scenario, 'feature-addition');
});
