// Guardrails on the LLM: no ACCEPT of a significant > 50% slowdown without feature or security gain, no REJECT
// of a significant improvement; disagreement with the rules is REVIEW with both reasons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcile } from '../../../server/src/verdict/decide';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const say = (score: number, recommendation: 'ACCEPT' | 'REVIEW' | 'REJECT', reasoning = 'llm says so') => ({ score, recommendation, reasoning, confidence: 0.9 });

test('LLM ACCEPT of an unexplained 2x slowdown is overruled: rules verdict, source rules', () => {
  const input = verdictInput(2);
  const rules = rulesVerdict(input);
  const v = reconcile(input, rules, say(95, 'ACCEPT'));
  assert.equal(v.recommendation, 'REJECT');
  assert.equal(v.source, 'rules');
  assert.match(v.llmNote ?? '', /cannot ACCEPT/);
  assert.match(v.reasoning, /llm says so/, 'the LLM reasoning is still shown');
});

test('LLM ACCEPT of a 2x slowdown that adds a feature is not blocked by the guardrail', () => {
  const input = verdictInput(2, { intent: { note: 'add streaming support' } });
  const v = reconcile(input, rulesVerdict(input), say(85, 'ACCEPT'));
  assert.equal(v.llmNote, undefined);
  assert.equal(v.recommendation, 'REVIEW', 'rules say REVIEW for > 30% feature cost, so disagreement → REVIEW');
  assert.equal(v.source, 'llm');
});

test('LLM REJECT of a significant improvement is overruled', () => {
  const input = verdictInput(0.6);
  const v = reconcile(input, rulesVerdict(input), say(10, 'REJECT'));
  assert.equal(v.recommendation, 'ACCEPT');
  assert.equal(v.source, 'rules');
  assert.match(v.llmNote ?? '', /improvement stays ACCEPT/);
});

test('disagreement without a guardrail: REVIEW, both reasons, score inside the REVIEW band', () => {
  const input = verdictInput(1.05, { intent: { commits: ['refactor'] }, before: { cyclomatic: 8 }, after: { cyclomatic: 4 } });
  const rules = rulesVerdict(input);
  assert.equal(rules.recommendation, 'ACCEPT');
  const v = reconcile(input, rules, say(20, 'REJECT', 'refactors should not slow code'));
  assert.equal(v.recommendation, 'REVIEW');
  assert.ok(v.score > 30 && v.score < 80);
  assert.match(v.reasoning, /Rules \(ACCEPT/);
  assert.match(v.reasoning, /refactors should not slow code/);
});

test('an LLM answer whose score contradicts its recommendation counts as REVIEW', () => {
  const input = verdictInput(1.1);
  const rules = rulesVerdict(input);
  assert.equal(rules.recommendation, 'REVIEW');
  const v = reconcile(input, rules, say(20, 'ACCEPT'));
  assert.equal(v.recommendation, 'REVIEW');
});
