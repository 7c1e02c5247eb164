// Builds verdict inputs for tests: timings are real samples (seeded, log-normal noise) run through
// classifyTiming, so each test exercises the statistics rather than a hand-written TimeChange.
import { classifyTiming, type TimeChange } from '../../server/src/verdict/classify';
import { mulberry32 } from '../../server/src/stats/random';
import type { VerdictInput } from '../../server/src/verdict/types';

/** `n` samples around `median` ns with about 3% multiplicative noise. */
export function samples(n: number, median: number, seed: number, spread = 0.03): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.max(rnd(), 1e-12);
    out[i] = median * Math.exp(spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd()));
  }
  return out;
}

/** A classified timing change where the current version is `ratio` times the baseline. */
export function timeChange(ratio: number, seed = 1): TimeChange {
  return classifyTiming(samples(200, 1000, seed), samples(200, 1000 * ratio, seed + 1000));
}

/** A verdict input with changed code and no intent, overridable field by field. */
export function verdictInput(ratio: number, over: Partial<VerdictInput> = {}): VerdictInput {
  return {
    functionName: 'parse',
    time: timeChange(ratio),
    before: { cyclomatic: 3, securityFindings: [], typeErrors: 0, params: 1 },
    after: { cyclomatic: 3, securityFindings: [], typeErrors: 0, params: 1 },
    oldSource: 'function parse(s) { return JSON.parse(s); }',
    newSource: 'function parse(s) { const t = s.trim(); return JSON.parse(t); }',
    intent: {},
    ...over,
  };
}
