// Scenario: a refactoring scores 70–85, accepted when it lowered complexity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

test('10% slower, cyclomatic 9 → 4: ACCEPT within 70–85', () => {
  const v = rulesVerdict(verdictInput(1.1, { before: { cyclomatic: 9 }, after: { cyclomatic: 4 }, intent: { commits: ['refactor parse into smaller steps'] } }));
  assert.equal(v.scenario, 'refactoring');
  assert.ok(v.score >= 70 && v.score <= 85, `score ${v.score}`);
  assert.equal(v.recommendation, 'ACCEPT');
});

test('a refactoring that left complexity as it was: REVIEW within 70–85', () => {
  const v = rulesVerdict(verdictInput(1.1, { intent: { commits: ['refactor parse'] } }));
  assert.equal(v.scenario, 'refactoring');
  assert.ok(v.score >= 70 && v.score <= 85, `score ${v.score}`);
  assert.equal(v.recommendation, 'REVIEW');
});
