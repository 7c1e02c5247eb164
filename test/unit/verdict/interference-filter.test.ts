// Samples inflated by interference (a preempted child) are dropped one-sidedly before comparing, so a
// 2x slowdown is still measured accurately when 40% of the samples are 3–20x too slow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropInterference } from '../../../server/src/stats/interference';
import { classifyTiming } from '../../../server/src/verdict/classify';
import { mulberry32 } from '../../../server/src/stats/random';
import { samples } from '../../support/verdict-fixtures';

function contaminate(xs: Float64Array, share: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  return xs.map((x) => (rnd() < share ? x * (3 + 17 * rnd()) : x));
}

test('40% of samples preempted: the 2x regression is found with an accurate ratio and a tighter CI than raw', () => {
  for (let t = 0; t < 10; t++) {
    const a = contaminate(samples(40, 14000, 100 + t, 0.01), 0.4, 200 + t);
    const b = contaminate(samples(40, 28000, 300 + t, 0.01), 0.4, 400 + t);
    const filtered = classifyTiming(a, b);
    const raw = classifyTiming(a, b, { keepInterference: true });
    assert.equal(filtered.classification, 'regression', `trial ${t}`);
    assert.ok(Math.abs(filtered.ratio - 2) < 0.05, `ratio ${filtered.ratio}`);
    assert.ok(filtered.dropped[0] > 0 && filtered.dropped[1] > 0);
    assert.ok(filtered.ci95[1] - filtered.ci95[0] < raw.ci95[1] - raw.ci95[0], `trial ${t}: filtered CI ${filtered.ci95} vs raw ${raw.ci95}`);
  }
});

test('only the high side is cut, and clean samples are all kept', () => {
  const clean = samples(200, 1000, 5, 0.02);
  assert.equal(dropInterference(clean).dropped, 0);
  const withLow = Float64Array.from([...clean, 10, 5000]);
  const f = dropInterference(withLow);
  assert.equal(f.dropped, 1);
  assert.ok(f.kept.includes(10), 'a fast sample is never interference');
  assert.ok(!f.kept.includes(5000));
});
