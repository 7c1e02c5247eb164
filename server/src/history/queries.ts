// Reading: what the surfaces show, each answer in as few queries as the question needs.
import type { HistoryVersion, HistoryView } from '../protocol';
import type { HistoryStore } from './store';

/** What the history panel shows for one function: its versions, oldest first, with latest figures. */
export function historyView(store: HistoryStore, functionId: string): HistoryView | undefined {
  const fn = store.getFunction(functionId);
  if (!fn) return undefined;
  const latestRun = store.db.prepare('SELECT * FROM runs WHERE version_id = ? ORDER BY created_at DESC, id DESC LIMIT 1');
  const latestAnalysis = store.db.prepare('SELECT cyclomatic, cognitive FROM analyses WHERE version_id = ? ORDER BY created_at DESC, id DESC LIMIT 1');
  const latestVerdict = store.db.prepare('SELECT * FROM verdicts WHERE version_id = ? ORDER BY created_at DESC, id DESC LIMIT 1');
  const labels = store.db.prepare('SELECT label FROM baselines WHERE version_id = ? ORDER BY label');
  const versions = store.listVersions(functionId).map((v): HistoryVersion => {
    const run = latestRun.get(v.id) as Record<string, unknown> | undefined;
    const analysis = latestAnalysis.get(v.id) as { cyclomatic: number | null; cognitive: number | null } | undefined;
    const verdict = latestVerdict.get(v.id) as Record<string, unknown> | undefined;
    const out: HistoryVersion = {
      id: v.id,
      hash: v.hash,
      firstSeen: v.firstSeen,
      baselines: (labels.all(v.id) as { label: string }[]).map((l) => l.label),
    };
    if (v.git?.commit) out.commit = v.git.commit;
    if (run) {
      out.lastRun = run.created_at as string;
      if (run.median_ns != null) out.medianNs = run.median_ns as number;
      if (run.ci_lo_ns != null && run.ci_hi_ns != null) out.ci95Ns = [run.ci_lo_ns as number, run.ci_hi_ns as number];
      if (run.cv != null) out.cv = run.cv as number;
      if (run.allocated_bytes_per_call != null) out.allocatedBytesPerCall = run.allocated_bytes_per_call as number;
      if (run.growth_order != null) out.growthOrder = run.growth_order as string;
    }
    if (analysis?.cyclomatic != null) out.cyclomatic = analysis.cyclomatic;
    if (analysis?.cognitive != null) out.cognitive = analysis.cognitive;
    if (verdict) {
      out.verdict = {
        recommendation: verdict.recommendation as 'ACCEPT' | 'REVIEW' | 'REJECT',
        score: verdict.score as number,
        source: verdict.source as 'llm' | 'rules',
        reasoning: verdict.reasoning as string,
        confidence: verdict.confidence as number,
      };
    }
    return out;
  });
  return { functionId, file: fn.file, qualifiedName: fn.qualifiedName, versions };
}
