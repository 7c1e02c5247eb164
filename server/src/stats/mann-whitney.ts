// Mann–Whitney U test (Wilcoxon rank-sum): is one sample stochastically larger than the other?
// Written here because simple-statistics and jstat have no rank test; ranks with tie correction, normal approximation.

/** The outcome of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U statistic of the first sample (count of pairs where a beats b, ties counted half). */
  u: number;
  /** Standardised statistic (with continuity and tie correction); positive when `a` tends to be larger. */
  z: number;
  /** Two-sided p-value from the normal approximation; 1 when either sample is empty or all values tie. */
  pValue: number;
}

/**
 * Two-sided Mann–Whitney U test of `a` against `b`.
 * Uses the normal approximation with a tie-corrected variance and a 0.5 continuity correction, which is
 * accurate for the sample sizes a benchmark produces (tens to thousands per side).
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1 };
  const n = n1 + n2;
  // Pool with a marker for the side: sort once, then assign mid-ranks to runs of ties.
  const pooled: Array<[number, 0 | 1]> = new Array(n);
  for (let i = 0; i < n1; i++) pooled[i] = [a[i]!, 0];
  for (let j = 0; j < n2; j++) pooled[n1 + j] = [b[j]!, 1];
  pooled.sort((x, y) => x[0] - y[0]);

  let rankSumA = 0;
  let tieTerm = 0; // sum of (t^3 - t) over tie groups
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && pooled[j]![0] === pooled[i]![0]) j++;
    const t = j - i;
    const midRank = (i + 1 + j) / 2; // ranks are 1-based: i+1 .. j
    for (let k = i; k < j; k++) if (pooled[k]![1] === 0) rankSumA += midRank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const meanU = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, pValue: 1 };
  const diff = u - meanU;
  const corrected = Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5);
  const z = corrected / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  return { u, z, pValue };
}

/** P(Z > z) for a standard normal Z, via the complementary error function. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Complementary error function. Numerical Recipes' Chebyshev fit (fractional error < 1.2e-7 everywhere),
 * which keeps precision in the far tail where 1 - erf(x) would cancel to zero.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
