// Two rewrites from the verdict fixture, with the engine's real static analysis and measured-shape timings:
// for…of → forEach (same speed, same behaviour) is ACCEPT; the spread-in-reduce rewrite (quadratic) is REJECT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { loadPair } from '../../support/verdict-pairs';
import { timeChange } from '../../support/verdict-fixtures';

test('for…of → forEach, measured the same: ACCEPT, no security finding counted as new', async () => {
  const pair = await loadPair('forof-to-foreach');
  assert.ok(pair.base.before.findings!.some((f) => f.ruleId === 'perflens/object-injection'), 'the old loop has the finding too');
  const v = rulesVerdict({ ...pair.base, time: timeChange(1) });
  assert.equal(v.recommendation, 'ACCEPT', v.reasoning);
  assert.doesNotMatch(v.reasoning, /security finding/);
});

test('for…of → forEach measured 4% slower (noise-sized) is not a REJECT', async () => {
  const pair = await loadPair('forof-to-foreach');
  assert.notEqual(rulesVerdict({ ...pair.base, time: timeChange(1.04) }).recommendation, 'REJECT');
});

test('for…of → reduce with a spread accumulator: ×15 and O(n) → O(n²) is REJECT, even without the growth fit', async () => {
  const pair = await loadPair('index-spread-reduce');
  const withGrowth = rulesVerdict({ ...pair.base, time: timeChange(15), growth: { baseline: 'O(n)', current: 'O(n^2)', classification: 'regression' } });
  assert.equal(withGrowth.recommendation, 'REJECT', withGrowth.reasoning);
  assert.match(withGrowth.reasoning, /growth order worsened O\(n\) → O\(n\^2\)/);
  const timeOnly = rulesVerdict({ ...pair.base, time: timeChange(15) });
  assert.equal(timeOnly.recommendation, 'REJECT', timeOnly.reasoning);
  assert.equal(timeOnly.scenario, 'refactoring');
});
