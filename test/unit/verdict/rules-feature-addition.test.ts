// Scenario: a feature addition scores 60–80 and is accepted only when under 30% slower.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const intent = { commits: ['Add support for a reviver option'] };

test('20% slower with an added feature: ACCEPT', () => {
  const v = rulesVerdict(verdictInput(1.2, { intent }));
  assert.equal(v.scenario, 'feature-addition');
  assert.ok(v.score >= 60 && v.score <= 80, `score ${v.score}`);
  assert.equal(v.recommendation, 'ACCEPT');
});

test('60% slower with an added feature: REVIEW, still in the 60–80 band', () => {
  const v = rulesVerdict(verdictInput(1.6, { intent }));
  assert.equal(v.scenario, 'feature-addition');
  assert.ok(v.score >= 60 && v.score < 80, `score ${v.score}`);
  assert.equal(v.recommendation, 'REVIEW');
});

test('a new parameter counts as a feature without any stated intent', () => {
  const v = rulesVerdict(verdictInput(1.15, { after: { params: 2 }, before: { params: 1 } }));
  assert.equal(v.scenario, 'feature-addition');
});
