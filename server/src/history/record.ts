// Recording: the one home of "git facts → one transaction → track the function → record its version →
// write what belongs to it". Benchmarks, comparisons and baselines all store through here.
import { gitInfo, type GitInfo } from './git';
import type { AnalysisRecord, BaselineRecord, HistoryStore, RunRecord, StoredFunction, StoredVersion, VerdictRecord } from './store';

/** A function as located in today's code, with what is needed to store one version of it. */
export interface VersionToRecord {
  /** Absolute path of the file. */
  file: string;
  fn: { qualifiedName: string; hash: string; bodyHash: string };
  /** The declaration's source. */
  source: string;
  /** Qualified names located in the file now (to follow renames). */
  presentNames: string[];
}

/** Inside a transaction: finds or creates the function and records this version of it. */
export function trackVersion(store: HistoryStore, v: VersionToRecord, git: GitInfo | undefined): { fn: StoredFunction; version: StoredVersion } {
  const fn = store.trackFunction(v.file, v.fn, { presentNames: v.presentNames });
  const version = store.recordVersion(fn.id, { hash: v.fn.hash, bodyHash: v.fn.bodyHash, source: v.source, ...(git ? { git } : {}) });
  return { fn, version };
}

/** Reads the git facts of the file, then records the version and runs `write` in one transaction. */
export async function recordVersionWith<T>(store: HistoryStore, v: VersionToRecord, write: (stored: { fn: StoredFunction; version: StoredVersion }) => T): Promise<T> {
  const git = await gitInfo(v.file, v.source);
  return store.transaction(() => write(trackVersion(store, v, git)));
}

/** Records a plain run of the current version; returns the ids and the baseline `label` to judge against. */
export function recordBenchRun(
  store: HistoryStore,
  v: VersionToRecord,
  run: RunRecord,
  analysis: AnalysisRecord,
  baselineLabel: string,
): Promise<{ functionId: string; versionId: string; baseline?: BaselineRecord }> {
  return recordVersionWith(store, v, ({ fn, version }) => {
    store.recordRun(version.id, run);
    store.recordAnalysis(version.id, analysis);
    return { functionId: fn.id, versionId: version.id, baseline: store.getBaseline(baselineLabel, fn.id) };
  });
}

/** What a finished comparison stores besides the current version. */
export interface ComparisonRecord {
  /** The stored version the comparison ran against. */
  baselineVersionId: string;
  /** One run per side, measured interleaved. */
  runs: { baseline: RunRecord; current: RunRecord };
  analysis?: AnalysisRecord;
  verdict: Omit<VerdictRecord, 'functionId' | 'versionId' | 'baselineVersionId'>;
}

/**
 * Stores a finished comparison in one transaction: the current version (with git facts), a run per side,
 * the current analysis and the verdict. Returns the ids written.
 */
export function recordComparison(store: HistoryStore, v: VersionToRecord, c: ComparisonRecord): Promise<{ functionId: string; versionId: string; verdictId: number }> {
  return recordVersionWith(store, v, ({ fn, version }) => {
    store.recordRun(c.baselineVersionId, c.runs.baseline);
    store.recordRun(version.id, c.runs.current);
    if (c.analysis) store.recordAnalysis(version.id, c.analysis);
    const verdictId = store.recordVerdict({ ...c.verdict, functionId: fn.id, versionId: version.id, baselineVersionId: c.baselineVersionId });
    return { functionId: fn.id, versionId: version.id, verdictId };
  });
}
