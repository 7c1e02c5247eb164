// The guardrails with gaps closed: a model never lifts a score a new real security finding capped; a measured
// no-change stays ACCEPT unless the model quotes a concrete risk from the changed code (then REVIEW, quoting it);
// an agreeing model keeps the measured facts in the reasoning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcile } from '../../../server/src/verdict/decide';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import type { LlmAnswer } from '../../../server/src/verdict/llm';
import { verdictInput } from '../../support/verdict-fixtures';

const say = (score: number, recommendation: LlmAnswer['recommendation'], reasoning = 'model text', risks: LlmAnswer['risks'] = []): LlmAnswer => ({ score, recommendation, reasoning, confidence: 0.9, risks });

test('new Function(...) added under a "Supports ..." doc: the model ACCEPT cannot lift the REJECT', () => {
  const input = verdictInput(1.4, {
    intent: { doc: 'Supports expressions in placeholders.', oldDoc: '' },
    newSource: "function fill(t, v) {\n  const run = new Function('v', 'return v');\n  return run(v);\n}",
    oldSource: 'function fill(t, v) {\n  return t;\n}',
    before: { findings: [] },
    after: { findings: [{ ruleId: 'no-new-func', severity: 'error', message: 'The Function constructor is eval.', line: 1 }] },
  });
  const rules = rulesVerdict(input);
  assert.equal(rules.recommendation, 'REJECT');
  assert.equal(rules.ceiling?.score, 20);
  const v = reconcile(input, rules, say(90, 'ACCEPT', 'Supports a new feature.'));
  assert.equal(v.recommendation, 'REJECT');
  assert.ok(v.score <= 20, `score ${v.score}`);
  assert.match(v.llmNote ?? '', /cannot lift a score capped by a new security finding/);
});

test('a measured no-change rename stays ACCEPT when the model says REJECT without quoting a risk', () => {
  const input = verdictInput(1, { oldSource: 'function f(a) {\n  let s = 0;\n  return s + a;\n}', newSource: 'function f(a) {\n  let total = 0;\n  return total + a;\n}' });
  const rules = rulesVerdict(input);
  assert.equal(rules.scenario, 'no-significant-change');
  const v = reconcile(input, rules, say(15, 'REJECT', 'Renames are risky.'));
  assert.equal(v.recommendation, 'ACCEPT');
  assert.equal(v.score, rules.score);
  assert.match(v.llmNote ?? '', /stays ACCEPT/);
  const vague = reconcile(input, rules, say(15, 'REJECT', 'Risky.', [{ quote: 'return s + a;', risk: 'quotes the old code, not the change' }]));
  assert.equal(vague.recommendation, 'ACCEPT', 'a quote from a removed line is no risk in the change');
});

test('a no-change with a concrete risk quoted from an added line: REVIEW, quoting it', () => {
  const input = verdictInput(1, { oldSource: 'function f(xs) {\n  return xs.sort();\n}', newSource: 'function f(xs) {\n  return xs.sort((a, b) => a - b);\n}' });
  const rules = rulesVerdict(input);
  const v = reconcile(input, rules, say(20, 'REJECT', 'Changes order.', [{ quote: 'xs.sort((a, b) => a - b)', risk: 'strings are now compared as numbers, so NaN comparisons scramble the order' }]));
  assert.equal(v.recommendation, 'REVIEW');
  assert.match(v.reasoning, /`xs\.sort\(\(a, b\) => a - b\)` — strings are now compared as numbers/);
  assert.match(v.reasoning, /^No change beyond/, 'the measured facts come first');
});

test('agreement keeps the measured facts and adds the model\'s words', () => {
  const input = verdictInput(3, { intent: { commits: ['refactor'] } });
  const rules = rulesVerdict(input);
  assert.equal(rules.recommendation, 'REJECT');
  const v = reconcile(input, rules, say(10, 'REJECT', 'Three times slower for a refactor.'));
  assert.equal(v.source, 'llm');
  assert.match(v.reasoning, /^×\d\.\d slower \(.*→.* per call, ratio 95% CI .*\)\. LLM: Three times slower for a refactor\.$/);
});

test('a model ACCEPT of an unexplained quadratic is overruled', () => {
  const input = verdictInput(1.3, { growth: { baseline: 'O(n)', current: 'O(n^2)', classification: 'regression' }, intent: { commits: ['refactor'] } });
  const rules = rulesVerdict(input);
  assert.equal(rules.recommendation, 'REJECT');
  const v = reconcile(input, rules, say(90, 'ACCEPT'));
  assert.equal(v.recommendation, 'REJECT');
  assert.match(v.llmNote ?? '', /growth order/);
});
