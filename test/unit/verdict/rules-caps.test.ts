// Caps applied after any scenario: more type errors, more allocation, a worse growth order (explained or not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const quadratic = { baseline: 'O(n)', current: 'O(n^2)', classification: 'regression' as const };

test('more type errors cap an otherwise accepted change at 50', () => {
  const v = rulesVerdict(verdictInput(1, { before: { typeErrors: 0 }, after: { typeErrors: 2 } }));
  assert.equal(v.score, 50);
  assert.match(v.reasoning, /type errors rose from 0 to 2/);
});

test('more allocation per call costs 5 points', () => {
  const plain = rulesVerdict(verdictInput(1));
  const alloc = rulesVerdict(verdictInput(1, { memory: { baseline: 1000, current: 5000, ratio: 5, classification: 'regression' } }));
  assert.equal(alloc.score, plain.score - 5);
});

test('into O(n²) with a slowdown: REJECT unless the intent explains the growth, then REVIEW', () => {
  const feature = { commits: ['Add fuzzy matching option'] };
  assert.equal(rulesVerdict(verdictInput(1.2, { growth: quadratic, intent: feature })).recommendation, 'REJECT');
  const explained = rulesVerdict(verdictInput(1.2, { growth: quadratic, intent: { commits: ['Add fuzzy matching option; quadratic, but inputs stay small (at most 20 names)'] } }));
  assert.equal(explained.recommendation, 'REVIEW');
  assert.ok(explained.score <= 60);
});

test('a fit that moves among low orders without a slowdown is noted, not counted', () => {
  const v = rulesVerdict(verdictInput(1, { growth: { baseline: 'O(log n)', current: 'O(n)', classification: 'regression' } }));
  assert.equal(v.recommendation, 'ACCEPT');
  assert.match(v.reasoning, /not counted/);
});

test('a slower change that adds a walk over a collection inside an iteration is REJECT even when the fit looks linear', () => {
  const linearFit = { baseline: 'O(n)', current: 'O(n log n)', classification: 'regression' as const };
  const v = rulesVerdict(verdictInput(1.36, { growth: linearFit, before: { nestedScans: 0 }, after: { nestedScans: 1 } }));
  assert.equal(v.recommendation, 'REJECT');
  assert.match(v.reasoning, /adds 1 walk over a whole collection inside a loop or an iterating callback/);
  // The same shape without a measured slowdown is not judged on shape alone.
  assert.notEqual(rulesVerdict(verdictInput(1, { before: { nestedScans: 0 }, after: { nestedScans: 1 } })).recommendation, 'REJECT');
  // And an author who says why the growth is fine gets a REVIEW, as with a measured quadratic.
  const explained = rulesVerdict(verdictInput(1.36, { before: { nestedScans: 0 }, after: { nestedScans: 1 }, intent: { commits: ['dedupe in place; quadratic, but inputs stay small (at most 20 tags)'] } }));
  assert.equal(explained.recommendation, 'REVIEW');
});
