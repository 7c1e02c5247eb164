// Scenario: a correctness fix (bug, validation, edge case) is worth a small cost; a larger one goes to review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const intent = { commits: ['Fix crash on empty input (#12)'] };

test('5% slower for a fix: ACCEPT; 25% and 90% slower: REVIEW, lower as the cost grows', () => {
  const [small, mid, large] = [1.05, 1.25, 1.9].map((ratio) => rulesVerdict(verdictInput(ratio, { intent })));
  for (const v of [small!, mid!, large!]) assert.equal(v.scenario, 'bug-fix');
  assert.equal(small!.recommendation, 'ACCEPT');
  assert.equal(mid!.recommendation, 'REVIEW');
  assert.equal(large!.recommendation, 'REVIEW');
  assert.ok(small!.score > mid!.score && mid!.score > large!.score, `${small!.score} > ${mid!.score} > ${large!.score}`);
});
