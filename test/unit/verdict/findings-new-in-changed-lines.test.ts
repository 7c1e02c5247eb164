// A security finding caps a verdict only when it is new (no same rule and message before) and on a changed line,
// and only at error or warning severity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedLines, findingsDelta } from '../../../server/src/verdict/findings';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import type { FindingSummary } from '../../../server/src/verdict/types';
import { verdictInput } from '../../support/verdict-fixtures';

const oldSource = 'function f(k, o) {\n  const x = o[k];\n  return x;\n}';
const newSource = 'function f(k, o) {\n  const x = o[k];\n  const y = x + 1;\n  return y;\n}';
const oi = (line: number): FindingSummary => ({ ruleId: 'perflens/object-injection', severity: 'warning', message: 'o[k] reads a property named by parameter `k`', line });

test('changed lines are the added or edited ones', () => {
  assert.deepEqual([...changedLines(oldSource, newSource)].sort(), [2, 3]);
});

test('a finding that was there before, on an unchanged line, is not new', () => {
  const d = findingsDelta({ findings: [oi(1)] }, { findings: [oi(1)] }, oldSource, newSource);
  assert.deepEqual(d.added, []);
  assert.equal(rulesVerdict(verdictInput(1, { oldSource, newSource, before: { findings: [oi(1)] }, after: { findings: [oi(1)] } })).recommendation, 'ACCEPT');
});

test('a new finding on an unchanged line (the rule now sees it) does not cap; on a changed line it does', () => {
  assert.deepEqual(findingsDelta({ findings: [] }, { findings: [oi(1)] }, oldSource, newSource).added, []);
  const capped = rulesVerdict(verdictInput(1, { oldSource, newSource, before: { findings: [] }, after: { findings: [oi(2)] } }));
  assert.equal(capped.recommendation, 'REJECT');
  assert.equal(capped.ceiling?.score, 30);
});

test('an info finding never caps, but is mentioned', () => {
  const info: FindingSummary = { ruleId: '@microsoft/sdl/no-insecure-random', severity: 'info', message: 'Math.random', line: 2 };
  const v = rulesVerdict(verdictInput(1, { oldSource, newSource, before: { findings: [] }, after: { findings: [info] } }));
  assert.equal(v.recommendation, 'ACCEPT');
  assert.match(v.reasoning, /not deciding/);
});
