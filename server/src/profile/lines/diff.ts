// The per-line difference between a baseline and the current version of a function: which lines'
// cost grew, which are new. Lines are matched by file and source text, not by number: the baseline's
// source is spliced into today's file, so the same statement usually sits at another line number.

import type { LineCost, LineDelta } from './types';

/** Source texts of both versions' functions: a line whose text is not in the baseline's is `new`. */
export interface DiffSources {
  baselineSource?: string;
  currentSource?: string;
}

const norm = (text: string): string => text.replace(/\s+/g, ' ').trim();
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Groups lines by file and normalised text, each group in line order (the k-th pairs with the k-th). */
function byText(lines: LineCost[]): Map<string, LineCost[]> {
  const out = new Map<string, LineCost[]>();
  for (const l of [...lines].sort((a, b) => a.line - b.line)) {
    const key = `${l.file}\u0000${norm(l.text)}`;
    const group = out.get(key);
    if (group) group.push(l);
    else out.set(key, [l]);
  }
  return out;
}

function sourceLines(src: string | undefined): Set<string> | undefined {
  return src === undefined ? undefined : new Set(src.split('\n').map(norm).filter(Boolean));
}

/**
 * Every line whose cost differs, largest growth first. A line only one side has is `new` (or
 * `removed`) when its text is absent from the other version's source, else `changed` from or to zero.
 */
export function diffLines(baseline: LineCost[], current: LineCost[], sources: DiffSources = {}): LineDelta[] {
  const before = byText(baseline);
  const after = byText(current);
  const baseSrc = sourceLines(sources.baselineSource);
  const curSrc = sourceLines(sources.currentSource);
  const out: LineDelta[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key) ?? [];
    const c = after.get(key) ?? [];
    for (let k = 0; k < Math.max(b.length, c.length); k++) {
      const bl = b[k];
      const cl = c[k];
      const line = (cl ?? bl)!;
      const baselineNs = bl?.selfNsPerCall ?? 0;
      const currentNs = cl?.selfNsPerCall ?? 0;
      let status: LineDelta['status'] = 'changed';
      if (!bl && baseSrc && !baseSrc.has(norm(line.text))) status = 'new';
      if (!cl && curSrc && !curSrc.has(norm(line.text))) status = 'removed';
      const delta = round1(currentNs - baselineNs);
      if (delta === 0 && status === 'changed') continue;
      out.push({ file: line.file, line: line.line, text: line.text, baselineNsPerCall: baselineNs, currentNsPerCall: currentNs, deltaNsPerCall: delta, status });
    }
  }
  return out.sort((a, b) => b.deltaNsPerCall - a.deltaNsPerCall);
}

/** How many grown lines the verdict, the LLM prompt and the CI report name. */
export const GROWN_LINES = 3;

/** The lines that grew most (at most `n`, only growth), largest first. */
export function grownLines(deltas: readonly LineDelta[], n = GROWN_LINES): LineDelta[] {
  return deltas.filter((d) => d.deltaNsPerCall > 0).slice(0, n);
}
