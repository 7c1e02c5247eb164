// Scenario: identical code measured slower scores 5–15: the measurement is rejected, not the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

test('same code, 30% slower: REJECT with an environment explanation', () => {
  const src = 'function parse(s) { return JSON.parse(s); }';
  const v = rulesVerdict(verdictInput(1.3, { oldSource: src, newSource: `/** doc */\n${src.replace('{ ', '{\n  ')}` }));
  assert.equal(v.scenario, 'unchanged-code-slower');
  assert.ok(v.score >= 5 && v.score <= 15, `score ${v.score}`);
  assert.equal(v.recommendation, 'REJECT');
  assert.match(v.reasoning, /environment/);
});

test('the caller\'s hash comparison wins over the source comparison', () => {
  const v = rulesVerdict(verdictInput(1.3, { codeUnchanged: true }));
  assert.equal(v.scenario, 'unchanged-code-slower');
});
