// Which security findings a change brought or took away. A finding is new only when the baseline had no finding
// of the same rule and message (messages of our own rules name the key and parameter, so a moved finding matches)
// and it sits on a line the change added; only `error` and `warning` findings are real enough to decide a verdict.
import { SECURITY_RULES, type Severity } from '../analyze/security';
import type { FindingSummary, StaticSummary } from './types';

const SEVERITY = new Map(SECURITY_RULES.map((r) => [r.id, r.severity]));

/** The findings of one side as summaries, from the detailed list or, for older callers, bare rule ids. */
function findingsOf(s: StaticSummary): FindingSummary[] {
  if (s.findings) return s.findings;
  return (s.securityFindings ?? []).map((ruleId) => ({ ruleId, severity: SEVERITY.get(ruleId) ?? 'warning', message: '' }));
}

const fingerprint = (f: FindingSummary): string => `${f.ruleId}\u0000${f.message.replace(/\s+/g, ' ').trim()}`;
const isReal = (severity: Severity): boolean => severity === 'error' || severity === 'warning';

/** 0-based lines of `newSource` that the change added or modified (an LCS line diff against `oldSource`). */
export function changedLines(oldSource: string, newSource: string): Set<number> {
  const a = oldSource.split('\n').map((l) => l.trim());
  const b = newSource.split('\n').map((l) => l.trim());
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const changed = new Set<number>();
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) (i++, j++);
    else if (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else changed.add(j++);
  }
  return changed;
}

/** The security delta of a change. */
export interface FindingsDelta {
  /** New `error`/`warning` findings on changed lines: these can cap a verdict. */
  added: FindingSummary[];
  /** New `info` findings: shown, never deciding. */
  addedInfo: FindingSummary[];
  /** `error`/`warning` findings of the baseline that the change took away. */
  removed: FindingSummary[];
}

/** Compares the findings of both versions; see the file comment for what counts as new. */
export function findingsDelta(before: StaticSummary, after: StaticSummary, oldSource: string, newSource: string): FindingsDelta {
  const was = new Map<string, number>();
  for (const f of findingsOf(before)) was.set(fingerprint(f), (was.get(fingerprint(f)) ?? 0) + 1);
  const changed = changedLines(oldSource, newSource);
  const added: FindingSummary[] = [];
  const addedInfo: FindingSummary[] = [];
  for (const f of findingsOf(after)) {
    const key = fingerprint(f);
    const left = was.get(key) ?? 0;
    if (left > 0) {
      was.set(key, left - 1);
      continue;
    }
    if (f.line !== undefined && !changed.has(f.line)) continue;
    (isReal(f.severity) ? added : addedInfo).push(f);
  }
  const removed: FindingSummary[] = [];
  const still = new Map<string, number>();
  for (const f of findingsOf(after)) still.set(fingerprint(f), (still.get(fingerprint(f)) ?? 0) + 1);
  for (const f of findingsOf(before)) {
    const key = fingerprint(f);
    const left = still.get(key) ?? 0;
    if (left > 0) still.set(key, left - 1);
    else if (isReal(f.severity)) removed.push(f);
  }
  return { added, addedInfo, removed };
}

/** `no-new-func (error)` for a reasoning. */
export function findingText(f: FindingSummary): string {
  return `${f.ruleId} (${f.severity}${f.line !== undefined ? `, line ${f.line + 1} of the function` : ''})`;
}
