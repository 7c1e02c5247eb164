// Reading: what the surfaces show, each answer in as few queries as the question needs. A version is
// represented by its latest run of its own (`bench`); one side of a comparison (`interleaved`) stands for
// it only when it has no run of its own, so a comparison never rewrites the figures shown for a version.
import type { HistoryFunctionEntry, HistoryVersion, HistoryView } from '../protocol';
import type { FunctionStatus, RunView, VerdictView } from './types';
import type { HistoryStore } from './store';

/** SQL: the id of the run that represents version `v`. */
const REPRESENTATIVE_RUN = `(SELECT id FROM runs WHERE version_id = v.id ORDER BY (kind = 'bench') DESC, created_at DESC, id DESC LIMIT 1)`;
/** SQL: the id of the newest verdict on version `v`. */
const LATEST_VERDICT = `(SELECT id FROM verdicts WHERE version_id = v.id ORDER BY created_at DESC, id DESC LIMIT 1)`;

type Row = Record<string, unknown>;

/**
 * The status of every version of `file`'s functions that has a run: the representative run's view and
 * the verdict on that version. One SQL query; newest run first.
 */
export function fileStatus(store: HistoryStore, file: string): FunctionStatus[] {
  const rows = store.db
    .prepare(
      `SELECT f.qualified_name, v.hash, r.created_at AS run_at, r.kind, r.view, r.median_ns, r.ci_lo_ns, r.ci_hi_ns, r.sample_count,
              r.allocated_bytes_per_call, r.growth_order,
              d.recommendation, d.score, d.source, d.reasoning, d.confidence, d.change,
              (SELECT b.label FROM baselines b WHERE b.version_id = d.baseline_version_id ORDER BY b.label LIMIT 1) AS baseline_label
       FROM functions f
       JOIN versions v ON v.function_id = f.id
       JOIN runs r ON r.id = ${REPRESENTATIVE_RUN}
       LEFT JOIN verdicts d ON d.id = ${LATEST_VERDICT}
       WHERE f.file = ?
       ORDER BY r.created_at DESC, r.id DESC`,
    )
    .all(store.relativePath(file)) as Row[];
  return rows.map((r) => {
    const status: FunctionStatus = { qualifiedName: String(r.qualified_name), hash: String(r.hash), createdAt: String(r.run_at), run: runViewOf(r) };
    const verdict = verdictOf(r);
    if (verdict) status.verdict = verdict;
    const change = parseJson(r.change) as Partial<NonNullable<FunctionStatus['change']>> | undefined;
    if (verdict && change && typeof change.ratio === 'number' && Array.isArray(change.ci95)) {
      status.change = {
        ratio: change.ratio,
        ci95: change.ci95 as [number, number],
        pValue: change.pValue ?? 1,
        significant: change.significant ?? false,
        classification: change.classification ?? 'unchanged',
        baselineLabel: typeof r.baseline_label === 'string' ? r.baseline_label : 'baseline',
      };
    }
    return status;
  });
}

/** What the history panel shows for one function: its versions, oldest first, each with its run's view. */
export function historyView(store: HistoryStore, functionId: string): HistoryView | undefined {
  const fn = store.getFunction(functionId);
  if (!fn) return undefined;
  const rows = store.db
    .prepare(
      `SELECT v.id, v.hash, v.git_commit, v.working_tree, v.first_seen,
              r.created_at AS run_at, r.kind, r.view, r.median_ns, r.ci_lo_ns, r.ci_hi_ns, r.sample_count, r.allocated_bytes_per_call, r.growth_order,
              (SELECT a.cyclomatic FROM analyses a WHERE a.version_id = v.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS cyclomatic,
              (SELECT a.cognitive FROM analyses a WHERE a.version_id = v.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS cognitive,
              (SELECT group_concat(label, char(31)) FROM (SELECT label FROM baselines b WHERE b.version_id = v.id ORDER BY label)) AS labels,
              d.recommendation, d.score, d.source, d.reasoning, d.confidence
       FROM versions v
       LEFT JOIN runs r ON r.id = ${REPRESENTATIVE_RUN}
       LEFT JOIN verdicts d ON d.id = ${LATEST_VERDICT}
       WHERE v.function_id = ?
       ORDER BY v.first_seen, v.rowid`,
    )
    .all(functionId) as Row[];
  const versions = rows.map((r): HistoryVersion => {
    const hash = String(r.hash);
    const out: HistoryVersion = {
      id: String(r.id),
      hash,
      label: versionLabel(hash, r.git_commit as string | null, r.working_tree === 1, String(r.first_seen)),
      firstSeen: String(r.first_seen),
      baselines: typeof r.labels === 'string' && r.labels ? r.labels.split('\x1f') : [],
    };
    if (r.git_commit) out.commit = String(r.git_commit);
    if (r.working_tree === 1) out.workingTree = true;
    if (r.run_at != null) {
      out.lastRun = String(r.run_at);
      const view = runViewOf(r);
      for (const key of ['medianNs', 'ci95Ns', 'spread', 'samples', 'allocatedBytesPerCall', 'growthOrder', 'failure'] as const) {
        if (view[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = view[key];
      }
    }
    if (r.cyclomatic != null) out.cyclomatic = Number(r.cyclomatic);
    if (r.cognitive != null) out.cognitive = Number(r.cognitive);
    const verdict = verdictOf(r);
    if (verdict) out.verdict = verdict;
    return out;
  });
  return { functionId, file: fn.file, qualifiedName: fn.qualifiedName, versions };
}

/** Every function with stored versions (of one file, or of the workspace), for the panel's picker. */
export function historyFunctions(store: HistoryStore, file?: string): Omit<HistoryFunctionEntry, 'uri'>[] {
  const rows = store.db
    .prepare(
      `SELECT f.file, f.qualified_name, COUNT(DISTINCT v.id) AS versions, MAX(r.created_at) AS last_run
       FROM functions f JOIN versions v ON v.function_id = f.id LEFT JOIN runs r ON r.version_id = v.id
       ${file === undefined ? '' : 'WHERE f.file = ?'}
       GROUP BY f.id ORDER BY f.file, f.qualified_name`,
    )
    .all(...(file === undefined ? [] : [store.relativePath(file)])) as Row[];
  return rows.map((r) => ({
    file: String(r.file),
    qualifiedName: String(r.qualified_name),
    versionCount: Number(r.versions),
    ...(typeof r.last_run === 'string' ? { lastRun: r.last_run } : {}),
  }));
}

/** How a version is named on every surface: uncommitted code by its content, committed code by its commit. */
export function versionLabel(hash: string, commit: string | null | undefined, workingTree: boolean, firstSeen: string): string {
  if (workingTree) return `working tree · ${hash.slice(0, 7)}`;
  if (commit) return commit.slice(0, 7);
  return /^\d{4}-\d{2}-\d{2}/.exec(firstSeen)?.[0] ?? hash.slice(0, 7);
}

/** The run's stored view; runs recorded before views were stored get one from their columns. */
function runViewOf(r: Row): RunView {
  const stored = parseJson(r.view) as RunView | undefined;
  if (stored) return stored;
  const view: RunView = { kind: r.kind === 'interleaved' ? 'interleaved' : 'bench', ok: r.median_ns != null };
  if (r.median_ns != null) view.medianNs = Number(r.median_ns);
  if (r.ci_lo_ns != null && r.ci_hi_ns != null) view.ci95Ns = [Number(r.ci_lo_ns), Number(r.ci_hi_ns)];
  if (Number(r.sample_count) > 0) view.samples = Number(r.sample_count);
  if (r.allocated_bytes_per_call != null) view.allocatedBytesPerCall = Number(r.allocated_bytes_per_call);
  if (r.growth_order != null && r.growth_order !== 'not size-dependent') view.growthOrder = String(r.growth_order);
  return view;
}

function verdictOf(r: Row): VerdictView | undefined {
  if (r.recommendation == null) return undefined;
  return {
    recommendation: r.recommendation as VerdictView['recommendation'],
    score: Number(r.score),
    source: r.source as VerdictView['source'],
    reasoning: String(r.reasoning),
    confidence: Number(r.confidence),
  };
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}
