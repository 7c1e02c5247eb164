// Descriptive statistics of a set of timing samples (ns per call): the numbers every result reports.
// simple-statistics does the arithmetic; this file only fixes which estimators PerfLens uses.
import { ss } from './ss';

const { mean, medianAbsoluteDeviation, medianSorted, quantileSorted, sampleStandardDeviation } = ss;

/** Summary of a sample set. All values in the samples' unit (ns per call for timings). */
export interface Descriptive {
  n: number;
  min: number;
  max: number;
  median: number;
  mean: number;
  p75: number;
  p99: number;
  /** Sample standard deviation (n - 1); 0 for fewer than two samples. */
  sd: number;
  /** Coefficient of variation: sd / mean; 0 when the mean is 0. One long GC pause can inflate it. */
  cv: number;
  /** Median absolute deviation from the median: a spread that outliers barely move. */
  mad: number;
}

/** Sorts a copy ascending; the input is left alone because callers keep raw samples in run order. */
export function sortedCopy(values: readonly number[]): number[] {
  return Array.from(values).sort((a, b) => a - b);
}

/**
 * Summarises `values`. Throws RangeError on an empty array: an empty run is a caller bug, not data.
 */
export function describe(values: readonly number[]): Descriptive {
  if (values.length === 0) throw new RangeError('describe() needs at least one sample');
  const sorted = sortedCopy(values);
  const m = mean(sorted);
  const sd = sorted.length > 1 ? sampleStandardDeviation(sorted) : 0;
  return {
    n: sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    median: medianSorted(sorted),
    mean: m,
    p75: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    sd,
    cv: m === 0 ? 0 : sd / m,
    mad: medianAbsoluteDeviation(sorted),
  };
}
