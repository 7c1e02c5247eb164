// Ratio of medians between two samples (current / baseline) with a percentile-bootstrap 95% CI.
// Seeded, so the same samples always give the same interval (a verdict must be reproducible).
import { mulberry32 } from './random';

/** A ratio of medians and its confidence interval. */
export interface RatioEstimate {
  /** median(current) / median(baseline): 1.10 means 10% slower. */
  ratio: number;
  /** Percentile bootstrap interval of the ratio at the requested confidence. */
  ci: [number, number];
  baselineMedian: number;
  currentMedian: number;
}

/** Options of {@link bootstrapRatioOfMedians}. */
export interface RatioOptions {
  /** Bootstrap resamples; 2000 keeps the 2.5% tails stable to about ±0.5%. */
  resamples?: number;
  /** Confidence level of the interval (0.95 by default). */
  confidence?: number;
  /** PRNG seed. */
  seed?: number;
}

/**
 * Ratio of medians `current / baseline` with a percentile-bootstrap interval: each side is resampled
 * independently with replacement, and the interval is read from the sorted resampled ratios.
 * Returns NaN fields when a side is empty or the baseline median is 0.
 */
export function bootstrapRatioOfMedians(
  baseline: ArrayLike<number>,
  current: ArrayLike<number>,
  options: RatioOptions = {},
): RatioEstimate {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = mulberry32(options.seed ?? 0x5eed);
  const base = Float64Array.from(baseline);
  const cur = Float64Array.from(current);
  if (base.length === 0 || cur.length === 0) {
    return { ratio: NaN, ci: [NaN, NaN], baselineMedian: NaN, currentMedian: NaN };
  }
  const baselineMedian = medianInPlace(Float64Array.from(base));
  const currentMedian = medianInPlace(Float64Array.from(cur));
  const ratio = currentMedian / baselineMedian;
  if (!Number.isFinite(ratio)) return { ratio: NaN, ci: [NaN, NaN], baselineMedian, currentMedian };

  const bufB = new Float64Array(base.length);
  const bufC = new Float64Array(cur.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < bufB.length; i++) bufB[i] = base[(random() * base.length) | 0]!;
    for (let i = 0; i < bufC.length; i++) bufC[i] = cur[(random() * cur.length) | 0]!;
    ratios[r] = medianInPlace(bufC) / medianInPlace(bufB);
  }
  ratios.sort();
  const alpha = (1 - confidence) / 2;
  return {
    ratio,
    ci: [quantileSorted(ratios, alpha), quantileSorted(ratios, 1 - alpha)],
    baselineMedian,
    currentMedian,
  };
}

/** Median by quickselect; reorders `xs`. Average of the two middle values for even lengths. */
function medianInPlace(xs: Float64Array): number {
  const n = xs.length;
  const hi = select(xs, n >> 1);
  if (n % 2 === 1) return hi;
  // After select, everything left of n/2 is <= hi: the lower middle is their maximum.
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (xs[i]! > lo) lo = xs[i]!;
  return (lo + hi) / 2;
}

/** Hoare quickselect: the k-th smallest value (0-based), partially ordering `xs` around it. */
function select(xs: Float64Array, k: number): number {
  let left = 0;
  let right = xs.length - 1;
  while (left < right) {
    const pivot = xs[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return xs[k]!;
}

/** Linear-interpolated quantile of an ascending array. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
