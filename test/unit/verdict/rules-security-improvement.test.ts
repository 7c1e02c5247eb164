// Scenario: a change that removes a real security finding accepts a bounded slowdown (up to ×2), reviewed beyond;
// a claimed hardening without a removed finding is reviewed; a warning removed by a rewrite is no security fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const removed = { before: { securityFindings: ['no-eval', 'perflens/exponential-regex'] }, after: { securityFindings: [] } };

test('50% slower but two error findings removed: ACCEPT', () => {
  const v = rulesVerdict(verdictInput(1.5, removed));
  assert.equal(v.scenario, 'security-improvement');
  assert.ok(v.score >= 80 && v.score <= 90, `score ${v.score}`);
  assert.equal(v.recommendation, 'ACCEPT');
  assert.equal(v.source, 'rules');
});

test('the bound: ×1.9 is still ACCEPT, ×5 is REVIEW (not any slowdown)', () => {
  assert.equal(rulesVerdict(verdictInput(1.9, removed)).recommendation, 'ACCEPT');
  const v = rulesVerdict(verdictInput(5, removed));
  assert.equal(v.recommendation, 'REVIEW');
  assert.match(v.reasoning, /cheaper fix/);
});

test('a security intent without a removed finding asks for review', () => {
  const v = rulesVerdict(verdictInput(1.3, { intent: { note: 'sanitize user input before parsing' } }));
  assert.equal(v.scenario, 'security-improvement');
  assert.equal(v.recommendation, 'REVIEW');
});

test('a warning that disappears in an unexplained ×4 rewrite does not excuse its cost', () => {
  const v = rulesVerdict(verdictInput(4, { before: { securityFindings: ['perflens/object-injection'] }, after: { securityFindings: [] }, intent: { commits: ['refactor: one expression'] } }));
  assert.notEqual(v.scenario, 'security-improvement');
  assert.equal(v.recommendation, 'REJECT');
  assert.match(v.reasoning, /side effect/);
});
