// Drops samples inflated by interference (preemption, GC of another process, a CPU migration) before two
// versions are compared. Interference only ever adds time, so the filter is one-sided: a sample far above
// the bulk is dropped, never one below it. The median and MAD are robust while less than half is hit.
import { ss } from './ss';

const { medianSorted } = ss;

/** Samples kept and how many were dropped. */
export interface Filtered {
  kept: Float64Array;
  dropped: number;
}

/** Options of {@link dropInterference}. */
export interface InterferenceOptions {
  /** Samples more than this many robust SDs (1.4826 × MAD) above the median are dropped (default 5). */
  k?: number;
  /** The fence is never closer to the median than this fraction of it (default 0.05): guards MAD = 0. */
  minSpread?: number;
}

/**
 * Keeps the samples at most `median + max(k × 1.4826 × MAD, minSpread × median)`. Applied to each version
 * separately, the same way, so it cannot favour either; a real slowdown moves median and fence together.
 */
export function dropInterference(samples: ArrayLike<number>, options: InterferenceOptions = {}): Filtered {
  const k = options.k ?? 5;
  const minSpread = options.minSpread ?? 0.05;
  const xs = Float64Array.from(samples);
  if (xs.length < 4) return { kept: xs, dropped: 0 };
  const sorted = Array.from(xs).sort((a, b) => a - b);
  const median = medianSorted(sorted);
  const mad = medianSorted(sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b));
  const fence = median + Math.max(k * 1.4826 * mad, minSpread * Math.abs(median));
  const kept = xs.filter((x) => x <= fence);
  return { kept, dropped: xs.length - kept.length };
}

