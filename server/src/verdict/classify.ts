// Turns two sets of measurements into a classified change: ratio of medians with a bootstrap CI,
// a Mann–Whitney p-value, and regression | improvement | unchanged beyond a noise threshold.
import { dropInterference } from '../stats/interference';
import { mannWhitneyU } from '../stats/mann-whitney';
import { bootstrapRatioOfMedians } from '../stats/ratio';

/** Direction of a measured change, after statistics and the noise threshold. */
export type ChangeClass = 'regression' | 'improvement' | 'unchanged';

/** A timing comparison, current against baseline. `ratio` > 1 means slower. */
export interface TimeChange {
  ratio: number;
  ci95: [number, number];
  pValue: number;
  /** p < alpha and the interval excludes 1. */
  significant: boolean;
  classification: ChangeClass;
  baselineMedianNs: number;
  currentMedianNs: number;
  /** Sample counts used: [baseline, current]. */
  samples: [number, number];
  /** Samples dropped as interference (far above the bulk), [baseline, current]; see stats/interference. */
  dropped: [number, number];
  /** The noise threshold used (0.02 = 2%). */
  noiseThreshold: number;
  /**
   * False when the classification is `unchanged` only because the measurement is too noisy to tell: the
   * interval reaches beyond ±10%. Such a result must not pass as "no change".
   */
  conclusive: boolean;
}

/** Options of {@link classifyTiming}. */
export interface ClassifyOptions {
  /** Relative change below which a difference is noise (default 0.02). */
  noiseThreshold?: number;
  /** Significance level of the Mann–Whitney test (default 0.01). */
  alpha?: number;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  seed?: number;
  /** Keep every sample, even ones inflated by interference (default false). */
  keepInterference?: boolean;
}

/** Default noise threshold: differences under 2% are not reported as changes. */
export const DEFAULT_NOISE_THRESHOLD = 0.02;
/** Default significance level. 0.01 rather than 0.05 keeps false alarms on identical code near 1%. */
export const DEFAULT_ALPHA = 0.01;
/** An `unchanged` result whose 95% interval reaches beyond ±10% is inconclusive. */
export const INCONCLUSIVE_SPREAD = 0.1;

/**
 * Classifies per-sample timings of the current version against the baseline's. Samples far above each
 * version's bulk are first dropped as interference (a busy machine preempts the child). A regression needs all of:
 * a significant rank test, and the whole 95% interval of the ratio above 1 + threshold (so a change that
 * might be within the noise band is `unchanged`). An improvement mirrors it below 1 / (1 + threshold).
 */
export function classifyTiming(
  baseline: ArrayLike<number>,
  current: ArrayLike<number>,
  options: ClassifyOptions = {},
): TimeChange {
  const threshold = options.noiseThreshold ?? DEFAULT_NOISE_THRESHOLD;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const a = options.keepInterference ? { kept: Float64Array.from(baseline), dropped: 0 } : dropInterference(baseline);
  const b = options.keepInterference ? { kept: Float64Array.from(current), dropped: 0 } : dropInterference(current);
  const est = bootstrapRatioOfMedians(a.kept, b.kept, { resamples: options.resamples, seed: options.seed });
  const { pValue } = mannWhitneyU(b.kept, a.kept);
  const [lo, hi] = est.ci;
  const significant = pValue < alpha && (lo > 1 || hi < 1);
  let classification: ChangeClass = 'unchanged';
  if (significant && lo > 1 + threshold) classification = 'regression';
  else if (significant && hi < 1 / (1 + threshold)) classification = 'improvement';
  const conclusive = classification !== 'unchanged' || (lo >= 1 / (1 + INCONCLUSIVE_SPREAD) && hi <= 1 + INCONCLUSIVE_SPREAD);
  return {
    ratio: est.ratio,
    ci95: est.ci,
    pValue,
    significant,
    classification,
    baselineMedianNs: est.baselineMedian,
    currentMedianNs: est.currentMedian,
    samples: [a.kept.length, b.kept.length],
    dropped: [a.dropped, b.dropped],
    noiseThreshold: threshold,
    conclusive,
  };
}

/** A change of one number per version (allocation per call), where no samples exist to test. */
export interface ScalarChange {
  baseline: number;
  current: number;
  /** current / baseline; Infinity when the baseline is 0 and the current is not. */
  ratio: number;
  classification: ChangeClass;
}

/**
 * Classifies allocated bytes per call. Heap counters are coarse (a loop that allocates nothing reads as
 * tens to a hundred bytes per call), so a change must exceed both a relative threshold (default 10%) and an
 * absolute floor (default 256 bytes) to count.
 */
export function classifyAllocation(
  baselineBytes: number,
  currentBytes: number,
  options: { threshold?: number; minBytes?: number } = {},
): ScalarChange {
  const threshold = options.threshold ?? 0.1;
  const minBytes = options.minBytes ?? 256;
  const ratio = baselineBytes === 0 ? (currentBytes === 0 ? 1 : Infinity) : currentBytes / baselineBytes;
  const delta = currentBytes - baselineBytes;
  let classification: ChangeClass = 'unchanged';
  if (Math.abs(delta) >= minBytes) {
    if (ratio > 1 + threshold) classification = 'regression';
    else if (ratio < 1 / (1 + threshold)) classification = 'improvement';
  }
  return { baseline: baselineBytes, current: currentBytes, ratio, classification };
}

/** A change of fitted growth order between versions. */
export interface GrowthChange {
  baseline: string;
  current: string;
  classification: ChangeClass;
}

// Ascending cost. Keys are normalised forms (lower case, no spaces, ^2 for ²).
const ORDER_RANK: Record<string, number> = {
  'o(1)': 0,
  'o(logn)': 1,
  'o(sqrtn)': 2,
  'o(n)': 3,
  'o(nlogn)': 4,
  'o(n^2)': 5,
  'o(n^2logn)': 6,
  'o(n^3)': 7,
  'o(2^n)': 8,
};

/** Rank of a growth order such as `O(n log n)` or `O(n²)`; undefined when not recognised. */
export function growthRank(order: string): number | undefined {
  const key = order
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .replace(/√n|sqrt\(n\)/g, 'sqrtn')
    .replace(/\*/g, '');
  const withO = key.startsWith('o(') ? key : `o(${key})`;
  return ORDER_RANK[withO];
}

/** Classifies a change of growth order; unknown orders compare as unchanged. */
export function classifyGrowth(baseline: string, current: string): GrowthChange {
  const a = growthRank(baseline);
  const b = growthRank(current);
  let classification: ChangeClass = 'unchanged';
  if (a !== undefined && b !== undefined) classification = b > a ? 'regression' : b < a ? 'improvement' : 'unchanged';
  return { baseline, current, classification };
}
