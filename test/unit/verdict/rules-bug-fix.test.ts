// Scenario: a bug fix scores 50–70 and goes to review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

test('25% slower, commit says it fixes a bug: REVIEW, score 50–70', () => {
  for (const ratio of [1.05, 1.25, 1.9]) {
    const v = rulesVerdict(verdictInput(ratio, { intent: { commits: ['Fix crash on empty input (#12)'] } }));
    assert.equal(v.scenario, 'bug-fix', `ratio ${ratio}`);
    assert.ok(v.score >= 50 && v.score <= 70, `score ${v.score} at ratio ${ratio}`);
    assert.equal(v.recommendation, 'REVIEW');
  }
});
