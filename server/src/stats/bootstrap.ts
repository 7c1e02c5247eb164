// Seeded percentile bootstrap of the median: a confidence interval without assuming a distribution
// (timings are skewed and often multi-modal, so a normal-theory interval would mislead).
import { ss } from './ss';
import { mulberry32 } from './random';

/** Options of a bootstrap; defaults give a 95% interval from 2,000 resamples with a fixed seed. */
export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Confidence level in (0, 1) (default 0.95). */
  confidence?: number;
  /** PRNG seed: the same samples and seed give the same interval (default 1). */
  seed?: number;
}

/**
 * Percentile-bootstrap confidence interval `[lo, hi]` of the median of `values`.
 * One sample gives `[v, v]`; an empty array throws RangeError.
 */
export function bootstrapMedianCI(values: readonly number[], opts: BootstrapOptions = {}): [number, number] {
  const n = values.length;
  if (n === 0) throw new RangeError('bootstrapMedianCI() needs at least one sample');
  if (n === 1) return [values[0], values[0]];
  const resamples = Math.max(100, Math.floor(opts.resamples ?? 2000));
  const confidence = opts.confidence ?? 0.95;
  const rand = mulberry32(opts.seed ?? 1);
  const medians = new Float64Array(resamples);
  const scratch = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) scratch[i] = values[Math.floor(rand() * n)];
    medians[r] = medianInPlace(scratch);
  }
  medians.sort();
  const alpha = (1 - confidence) / 2;
  const pick = (q: number): number => medians[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return [pick(alpha), pick(1 - alpha)];
}

// Floyd–Rivest selection instead of a sort: linear time per resample, which keeps thousands of
// resamples of thousands of samples well under a second.
function medianInPlace(xs: Float64Array): number {
  const a = xs as unknown as number[];
  const n = xs.length;
  const hi = n >> 1;
  ss.quickselect(a, hi);
  if (n % 2 === 1) return xs[hi];
  let lo = -Infinity;
  for (let i = 0; i < hi; i++) if (xs[i] > lo) lo = xs[i];
  return (lo + xs[hi]) / 2;
}
