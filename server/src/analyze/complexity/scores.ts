// Turns a walk's tallies into scores: Halstead measures, source lines, the maintainability index
// and the letter grade. Formulas and bands: docs/metrics.md.
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** Halstead measures of one function (floats rounded to 2 decimals). */
export interface HalsteadMetrics {
  volume: number;
  difficulty: number;
  effort: number;
  /** N = N1 + N2: total operators and operands. */
  length: number;
  /** n = n1 + n2: distinct operators and operands. */
  vocabulary: number;
  /** Estimated delivered bugs, V / 3000. */
  bugs: number;
}

/** A letter from A (simple) to F (very complex). */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Rounds to 2 decimals, the precision every float metric is reported with. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function sum(counts: Map<string, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}

/** Halstead's measures from operator and operand occurrence counts. */
export function halstead(operators: Map<string, number>, operands: Map<string, number>): HalsteadMetrics {
  const n1 = operators.size;
  const n2 = operands.size;
  const N1 = sum(operators);
  const N2 = sum(operands);
  const length = N1 + N2;
  const vocabulary = n1 + n2;
  const volume = vocabulary > 0 ? length * Math.log2(vocabulary) : 0;
  const difficulty = n2 > 0 ? (n1 / 2) * (N2 / n2) : 0;
  const effort = difficulty * volume;
  return {
    volume: round2(volume),
    difficulty: round2(difficulty),
    effort: round2(effort),
    length,
    vocabulary,
    bugs: round2(volume / 3000),
  };
}

/**
 * Maintainability index on the 0–100 scale Visual Studio uses:
 * max(0, (171 − 5.2·ln V − 0.23·CC − 16.2·ln SLOC) · 100 / 171), V and SLOC floored at 1.
 */
export function maintainability(volume: number, cyclomatic: number, sloc: number): number {
  const raw = 171 - 5.2 * Math.log(Math.max(volume, 1)) - 0.23 * cyclomatic - 16.2 * Math.log(Math.max(sloc, 1));
  return round2(Math.min(100, Math.max(0, (raw * 100) / 171)));
}

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];

function band(value: number, upperBounds: readonly number[]): number {
  const i = upperBounds.findIndex((max) => value <= max);
  return i < 0 ? upperBounds.length : i;
}

/**
 * The worst of three bands: cyclomatic (radon's A 1–5 … F 41+), cognitive (A ≤5, B ≤10,
 * C ≤15 — SonarSource's default limit — D ≤25, E ≤40, F above), and maintainability
 * (Visual Studio's thresholds: below 20 is at best C, below 10 at best E).
 */
export function grade(cyclomatic: number, cognitive: number, mi: number): Grade {
  const cc = band(cyclomatic, [5, 10, 20, 30, 40]);
  const cog = band(cognitive, [5, 10, 15, 25, 40]);
  const m = mi >= 20 ? 0 : mi >= 10 ? 2 : 4;
  return GRADES[Math.max(cc, cog, m)]!;
}

/**
 * Source lines: lines of `[start, end)` holding at least one token, leaving out blank lines,
 * comment-only lines and lines that lie wholly inside `excluded` ranges (nested functions
 * measured on their own). Falls back to non-blank lines when the parse kept no tokens.
 */
export function sourceLines(
  tokens: readonly TSESTree.Token[] | undefined,
  text: string,
  start: number,
  end: number,
  excluded: ReadonlyArray<readonly [number, number]>,
): number {
  if (!tokens || tokens.length === 0) {
    return text.slice(start, end).split('\n').filter((l) => l.trim() !== '').length;
  }
  const skip = [...excluded].sort((a, b) => a[0] - b[0]);
  // First token at or after `start` (tokens are in source order).
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.range[0] < start) lo = mid + 1;
    else hi = mid;
  }
  let count = 0;
  let lastLine = -1;
  let s = 0;
  for (let i = lo; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const [from] = tok.range;
    if (from >= end) break;
    while (s < skip.length && skip[s]![1] <= from) s++;
    if (s < skip.length && skip[s]![0] <= from) continue;
    const first = Math.max(tok.loc.start.line, lastLine + 1);
    if (tok.loc.end.line >= first) {
      count += tok.loc.end.line - first + 1;
      lastLine = tok.loc.end.line;
    }
  }
  return count;
}
