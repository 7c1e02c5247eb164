// Fits a growth order to (n, time) points from the sweep: each candidate t(n) = a + b·g(n) is fitted
// by weighted least squares (weights 1/t², so tiny and huge n count alike, with a, b ≥ 0), and a more
// complex order wins only when it explains the data clearly better than the simpler one so far.

import type { GrowthPoint } from './sandbox/contract';

/** The orders PerfLens reports, spelled as in the CLI's JSON. */
export type GrowthOrder = 'O(1)' | 'O(log n)' | 'O(n)' | 'O(n log n)' | 'O(n^2)' | 'O(n^3)' | 'O(2^n)';

/** A fitted order: `fit` is the weighted R² of the chosen model in [0, 1] (1 for a flat O(1)). */
export interface GrowthFit {
  order: GrowthOrder;
  fit: number;
}

const MODELS: Array<{ order: GrowthOrder; g: (n: number) => number }> = [
  { order: 'O(1)', g: () => 0 },
  { order: 'O(log n)', g: (n) => Math.log2(n) },
  { order: 'O(n)', g: (n) => n },
  { order: 'O(n log n)', g: (n) => n * Math.log2(Math.max(n, 1)) },
  { order: 'O(n^2)', g: (n) => n * n },
  { order: 'O(n^3)', g: (n) => n * n * n },
  { order: 'O(2^n)', g: (n) => 2 ** n },
];

/** A more complex order must cut the weighted residual by this factor to replace a simpler one. */
const IMPROVEMENT = 0.7;
/** Below this spread (max/min time) the function is taken as constant: noise, not growth. */
const FLAT_RATIO = 1.25;

interface Fitted {
  order: GrowthOrder;
  rss: number;
}

// Weighted least squares of t = a + b·g with a, b ≥ 0; returns the weighted residual sum of squares.
function fitModel(points: GrowthPoint[], g: (n: number) => number): number {
  const xs = points.map((p) => g(p.n));
  if (xs.some((x) => !Number.isFinite(x))) return Infinity;
  const ts = points.map((p) => p.medianNs);
  const ws = ts.map((t) => 1 / Math.max(t, 1e-9) ** 2);
  const rss = (a: number, b: number): number => ts.reduce((s, t, i) => s + ws[i] * (t - a - b * xs[i]) ** 2, 0);
  const sw = ws.reduce((s, w) => s + w, 0);
  const swx = ws.reduce((s, w, i) => s + w * xs[i], 0);
  const swt = ws.reduce((s, w, i) => s + w * ts[i], 0);
  const swxx = ws.reduce((s, w, i) => s + w * xs[i] * xs[i], 0);
  const swxt = ws.reduce((s, w, i) => s + w * xs[i] * ts[i], 0);
  const det = sw * swxx - swx * swx;
  const constOnly = swt / sw;
  if (Math.abs(det) < 1e-12 * Math.max(1, sw * swxx)) return rss(constOnly, 0);
  let b = (sw * swxt - swx * swt) / det;
  let a = (swt - b * swx) / sw;
  if (b < 0) return rss(constOnly, 0);
  if (a < 0) {
    a = 0;
    b = swxx > 0 ? swxt / swxx : 0;
  }
  return rss(a, b);
}

/**
 * The best order for `points` (at least four sizes, sorted or not), or null when there are too few.
 * Exponential is only considered while n stays small enough for 2^n to be finite.
 */
export function fitGrowth(points: readonly GrowthPoint[]): GrowthFit | null {
  const ps = [...points].filter((p) => p.n >= 1 && p.medianNs > 0).sort((x, y) => x.n - y.n);
  if (ps.length < 4) return null;
  const ts = ps.map((p) => p.medianNs);
  const tss = weightedTss(ps);
  if (Math.max(...ts) / Math.min(...ts) < FLAT_RATIO) return { order: 'O(1)', fit: 1 };
  const fitted: Fitted[] = MODELS.map((m) => ({ order: m.order, rss: fitModel(ps, m.g) }));
  let best = fitted[0];
  for (const f of fitted.slice(1)) if (f.rss < best.rss * IMPROVEMENT) best = f;
  const fit = tss > 0 ? Math.max(0, Math.min(1, 1 - best.rss / tss)) : 1;
  return { order: best.order, fit: Math.round(fit * 1000) / 1000 };
}

function weightedTss(ps: GrowthPoint[]): number {
  const ts = ps.map((p) => p.medianNs);
  const ws = ts.map((t) => 1 / t ** 2);
  const sw = ws.reduce((s, w) => s + w, 0);
  const mean = ws.reduce((s, w, i) => s + w * ts[i], 0) / sw;
  return ts.reduce((s, t, i) => s + ws[i] * (t - mean) ** 2, 0);
}
