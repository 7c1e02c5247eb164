// A measurement too noisy to call is not "no change": it goes to REVIEW and asks for a re-run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTiming } from '../../../server/src/verdict/classify';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput, samples } from '../../support/verdict-fixtures';

test('12 widely spread samples a side (40% noise): unchanged but inconclusive → REVIEW', () => {
  const time = classifyTiming(samples(12, 1000, 21, 0.4), samples(12, 1000, 22, 0.4));
  assert.equal(time.classification, 'unchanged');
  assert.equal(time.conclusive, false);
  const v = rulesVerdict(verdictInput(1, { time }));
  assert.equal(v.scenario, 'inconclusive');
  assert.equal(v.recommendation, 'REVIEW');
  assert.match(v.reasoning, /too noisy/);
});

test('a tight interval around 1 is a conclusive "no change" and is accepted', () => {
  const time = classifyTiming(samples(300, 1000, 11), samples(300, 1000, 12));
  assert.equal(time.conclusive, true);
  assert.equal(rulesVerdict(verdictInput(1, { time })).recommendation, 'ACCEPT');
});
