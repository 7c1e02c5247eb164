// The history store: every function's versions, runs, analyses, baselines, verdicts and notes, plus the
// LLM response cache, in one SQLite file (better-sqlite3 or node:sqlite, see db.ts; WAL). Opening (and repairing) is open.ts,
// composite writes are record.ts, composite reads are queries.ts.
import type { SqliteDatabase } from './db';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { GitInfo } from './git';
import type {
  AnalysisRecord,
  BaselineRecord,
  BaselineScope,
  NoteRecord,
  RunEnvironment,
  RunRecord,
  StoredFunction,
  StoredRun,
  StoredVersion,
  TrackOptions,
  VerdictRecord,
} from './types';

export type * from './types';

const now = () => new Date().toISOString();
const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The environment of this process, for run records. Cheap: no child processes. */
export function captureEnvironment(): RunEnvironment {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

interface FunctionRow {
  id: string;
  file: string;
  qualified_name: string;
  body_hash: string;
}
interface VersionRow {
  id: string;
  function_id: string;
  hash: string;
  body_hash: string;
  source: string;
  git_commit: string | null;
  git_branch: string | null;
  git_author: string | null;
  working_tree?: number | null;
  first_seen: string;
}

/** The history of a workspace. Synchronous (SQLite through db.ts); every write is one IMMEDIATE transaction. */
export class HistoryStore {
  /** @internal Use openHistory (open.ts). */
  constructor(
    /** @internal For the readers in history/queries.ts only; everything else goes through methods. */
    readonly db: SqliteDatabase,
    private readonly root: string,
    /** Absolute path of the DB file. */
    readonly path: string,
  ) {}

  /** Closes the DB; the store must not be used afterwards. */
  close(): void {
    this.db.close();
  }

  /** Workspace-relative path with forward slashes, the form every row stores. */
  relativePath(file: string): string {
    const rel = isAbsolute(file) ? relative(this.root, file) : file;
    return rel.split(sep).join('/');
  }

  /**
   * Finds or creates the record of a located function. When no function is stored under this file and
   * qualified name, a function with the same body hash whose old location is gone is taken over
   * (renamed or moved): its id, versions and baselines carry on.
   */
  trackFunction(file: string, fn: { qualifiedName: string; bodyHash: string }, options: TrackOptions = {}): StoredFunction {
    const rel = this.relativePath(file);
    const tx = this.db.transaction((): StoredFunction => {
      const existing = this.db
        .prepare('SELECT * FROM functions WHERE file = ? AND qualified_name = ?')
        .get(rel, fn.qualifiedName) as FunctionRow | undefined;
      const stamp = now();
      if (existing) {
        if (existing.body_hash !== fn.bodyHash) {
          this.db.prepare('UPDATE functions SET body_hash = ?, updated_at = ? WHERE id = ?').run(fn.bodyHash, stamp, existing.id);
        }
        return { id: existing.id, file: rel, qualifiedName: fn.qualifiedName, bodyHash: fn.bodyHash };
      }
      const candidates = this.db.prepare('SELECT * FROM functions WHERE body_hash = ?').all(fn.bodyHash) as FunctionRow[];
      const gone = (c: FunctionRow) =>
        c.file === rel
          ? options.presentNames !== undefined && !options.presentNames.includes(c.qualified_name)
          : options.stillExists
            ? !options.stillExists(c.file, c.qualified_name)
            : !existsSync(join(this.root, c.file));
      const moved = candidates.filter(gone);
      if (moved.length === 1) {
        const c = moved[0]!;
        this.db
          .prepare('INSERT INTO function_names (function_id, file, qualified_name, until) VALUES (?, ?, ?, ?)')
          .run(c.id, c.file, c.qualified_name, stamp);
        this.db
          .prepare('UPDATE functions SET file = ?, qualified_name = ?, updated_at = ? WHERE id = ?')
          .run(rel, fn.qualifiedName, stamp, c.id);
        return { id: c.id, file: rel, qualifiedName: fn.qualifiedName, bodyHash: fn.bodyHash, renamedFrom: { file: c.file, qualifiedName: c.qualified_name } };
      }
      // The id comes from where the function was first seen; a suffix keeps it unique if a later
      // function takes over a location whose first owner moved away.
      let id = shortHash(`${rel}#${fn.qualifiedName}`);
      for (let i = 1; this.db.prepare('SELECT 1 FROM functions WHERE id = ?').get(id); i++) id = shortHash(`${rel}#${fn.qualifiedName}#${i}`);
      this.db
        .prepare('INSERT INTO functions (id, file, qualified_name, body_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, rel, fn.qualifiedName, fn.bodyHash, stamp, stamp);
      return { id, file: rel, qualifiedName: fn.qualifiedName, bodyHash: fn.bodyHash };
    });
    return tx.immediate();
  }

  /** The function stored under this file and qualified name (also under an earlier name). */
  findFunction(file: string, qualifiedName: string): StoredFunction | undefined {
    const rel = this.relativePath(file);
    const row =
      (this.db.prepare('SELECT * FROM functions WHERE file = ? AND qualified_name = ?').get(rel, qualifiedName) as FunctionRow | undefined) ??
      (this.db
        .prepare(
          'SELECT f.* FROM function_names n JOIN functions f ON f.id = n.function_id WHERE n.file = ? AND n.qualified_name = ? ORDER BY n.until DESC LIMIT 1',
        )
        .get(rel, qualifiedName) as FunctionRow | undefined);
    return row && toFunction(row);
  }

  /** A function by id. */
  getFunction(id: string): StoredFunction | undefined {
    const row = this.db.prepare('SELECT * FROM functions WHERE id = ?').get(id) as FunctionRow | undefined;
    return row && toFunction(row);
  }

  /** Functions stored for a file, or for the whole workspace when `file` is omitted. */
  listFunctions(file?: string): StoredFunction[] {
    const rows = (
      file === undefined
        ? this.db.prepare('SELECT * FROM functions ORDER BY file, qualified_name').all()
        : this.db.prepare('SELECT * FROM functions WHERE file = ? ORDER BY qualified_name').all(this.relativePath(file))
    ) as FunctionRow[];
    return rows.map(toFunction);
  }

  /**
   * Records a version (idempotent by content hash) and returns it with the date it was first seen. A
   * version first seen as uncommitted work takes the commit's facts once it is seen committed.
   */
  recordVersion(functionId: string, v: { hash: string; bodyHash: string; source: string; git?: GitInfo }): StoredVersion {
    const tx = this.db.transaction((): StoredVersion => {
      const id = shortHash(`${functionId}@${v.hash}`);
      this.db
        .prepare(
          `INSERT INTO versions (id, function_id, hash, body_hash, source, git_commit, git_branch, git_author, working_tree, first_seen)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (function_id, hash) DO UPDATE SET git_commit = excluded.git_commit, git_branch = excluded.git_branch,
             git_author = excluded.git_author, working_tree = 0
           WHERE versions.working_tree = 1 AND excluded.working_tree = 0 AND excluded.git_commit IS NOT NULL`,
        )
        .run(id, functionId, v.hash, v.bodyHash, v.source, v.git?.commit ?? null, v.git?.branch ?? null, v.git?.author ?? null, v.git?.workingTree ? 1 : 0, now());
      return this.getVersion(id)!;
    });
    return tx.immediate();
  }

  /** A version by id. */
  getVersion(id: string): StoredVersion | undefined {
    const row = this.db.prepare('SELECT * FROM versions WHERE id = ?').get(id) as VersionRow | undefined;
    return row && toVersion(row);
  }

  /** A function's versions, oldest first. */
  listVersions(functionId: string): StoredVersion[] {
    return (this.db.prepare('SELECT * FROM versions WHERE function_id = ? ORDER BY first_seen, rowid').all(functionId) as VersionRow[]).map(toVersion);
  }

  /** Stores a run; samples are kept raw as a Float64Array blob (8 bytes each). Returns the run id. */
  recordRun(versionId: string, run: RunRecord): number {
    const samples = Float64Array.from(run.samplesNs);
    const info = this.db
      .prepare(
        `INSERT INTO runs (version_id, created_at, samples, sample_count, median_ns, ci_lo_ns, ci_hi_ns, cv,
           allocated_bytes_per_call, growth_order, stats, memory, growth, inputs, environment, kind, view)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        versionId,
        run.createdAt ?? now(),
        Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
        samples.length,
        run.medianNs ?? null,
        run.ci95Ns?.[0] ?? null,
        run.ci95Ns?.[1] ?? null,
        run.cv ?? null,
        run.allocatedBytesPerCall ?? null,
        run.growthOrder ?? null,
        json(run.stats),
        json(run.memory),
        json(run.growth),
        json(run.inputs),
        json(run.environment ?? captureEnvironment()),
        run.kind ?? run.view?.kind ?? 'bench',
        json(run.view),
      );
    return Number(info.lastInsertRowid);
  }

  /** Runs of a version, newest first. */
  listRuns(versionId: string, limit = 20): StoredRun[] {
    const rows = this.db.prepare('SELECT * FROM runs WHERE version_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(versionId, limit) as Record<string, unknown>[];
    return rows.map((r) => {
      const blob = r.samples as Buffer | null;
      // Copy out of the driver's buffer: its offset need not be 8-byte aligned.
      const samplesNs = blob ? new Float64Array(new Uint8Array(blob).buffer) : new Float64Array(0);
      return {
        id: r.id as number,
        versionId,
        createdAt: r.created_at as string,
        samplesNs,
        medianNs: num(r.median_ns),
        ci95Ns: r.ci_lo_ns != null && r.ci_hi_ns != null ? [r.ci_lo_ns as number, r.ci_hi_ns as number] : undefined,
        cv: num(r.cv),
        allocatedBytesPerCall: num(r.allocated_bytes_per_call),
        growthOrder: (r.growth_order as string | null) ?? undefined,
        stats: parse(r.stats),
        memory: parse(r.memory),
        growth: parse(r.growth),
        inputs: parse(r.inputs),
        environment: parse(r.environment) as RunEnvironment | undefined,
        kind: (r.kind as StoredRun['kind'] | null) ?? 'bench',
        view: parse(r.view) as StoredRun['view'],
      };
    });
  }

  /** Stores static-analysis figures of a version. */
  recordAnalysis(versionId: string, a: AnalysisRecord): void {
    this.db
      .prepare('INSERT INTO analyses (version_id, created_at, cyclomatic, cognitive, data) VALUES (?, ?, ?, ?, ?)')
      .run(versionId, now(), a.cyclomatic ?? null, a.cognitive ?? null, json(a.data));
  }

  /** Points `label` at a version for each entry, in one transaction (a whole file or workspace at once). */
  setBaselines(label: string, scope: BaselineScope, entries: { functionId: string; versionId: string }[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO baselines (label, function_id, version_id, scope, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (label, function_id) DO UPDATE SET version_id = excluded.version_id, scope = excluded.scope, created_at = excluded.created_at`,
    );
    this.db.transaction(() => {
      const stamp = now();
      for (const e of entries) stmt.run(label, e.functionId, e.versionId, scope, stamp);
    }).immediate();
  }

  /** The baseline `label` of one function. */
  getBaseline(label: string, functionId: string): BaselineRecord | undefined {
    return this.queryBaselines('b.label = ? AND b.function_id = ?', [label, functionId])[0];
  }

  /** Baselines, optionally only one label and/or only one file's functions. */
  listBaselines(filter: { label?: string; file?: string } = {}): BaselineRecord[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.label !== undefined) (where.push('b.label = ?'), args.push(filter.label));
    if (filter.file !== undefined) (where.push('f.file = ?'), args.push(this.relativePath(filter.file)));
    return this.queryBaselines(where.join(' AND ') || '1', args);
  }

  /** Removes baselines `label` of one function, one file's functions, or all; returns how many. */
  clearBaselines(label: string, target: { functionId?: string; file?: string } = {}): number {
    if (target.functionId !== undefined) {
      return this.db.prepare('DELETE FROM baselines WHERE label = ? AND function_id = ?').run(label, target.functionId).changes;
    }
    if (target.file !== undefined) {
      return this.db
        .prepare('DELETE FROM baselines WHERE label = ? AND function_id IN (SELECT id FROM functions WHERE file = ?)')
        .run(label, this.relativePath(target.file)).changes;
    }
    return this.db.prepare('DELETE FROM baselines WHERE label = ?').run(label).changes;
  }

  private queryBaselines(where: string, args: string[]): BaselineRecord[] {
    const rows = this.db
      .prepare(
        `SELECT b.label, b.scope, b.created_at AS b_created, f.id AS f_id, f.file AS f_file, f.qualified_name AS f_qn, f.body_hash AS f_bh, v.*
         FROM baselines b JOIN functions f ON f.id = b.function_id JOIN versions v ON v.id = b.version_id
         WHERE ${where} ORDER BY f.file, f.qualified_name, b.label`,
      )
      .all(...args) as (VersionRow & { label: string; scope: BaselineScope; b_created: string; f_id: string; f_file: string; f_qn: string; f_bh: string })[];
    return rows.map((r) => ({
      label: r.label,
      scope: r.scope,
      createdAt: r.b_created,
      function: { id: r.f_id, file: r.f_file, qualifiedName: r.f_qn, bodyHash: r.f_bh },
      version: toVersion(r),
    }));
  }

  /** Stores a verdict; returns its id. */
  recordVerdict(v: VerdictRecord): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO verdicts (function_id, version_id, baseline_version_id, created_at, recommendation, score, source, reasoning, confidence, change)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(v.functionId, v.versionId, v.baselineVersionId ?? null, now(), v.recommendation, v.score, v.source, v.reasoning, v.confidence, json(v.change))
        .lastInsertRowid,
    );
  }

  /** The newest verdict of a version, with the statistics it rests on, or undefined. */
  latestVerdict(versionId: string): (VerdictRecord & { id: number; createdAt: string }) | undefined {
    const row = this.db.prepare('SELECT * FROM verdicts WHERE version_id = ? ORDER BY created_at DESC, id DESC LIMIT 1').get(versionId) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return {
      id: Number(row.id),
      createdAt: String(row.created_at),
      functionId: String(row.function_id),
      versionId: String(row.version_id),
      ...(row.baseline_version_id ? { baselineVersionId: String(row.baseline_version_id) } : {}),
      recommendation: row.recommendation as VerdictRecord['recommendation'],
      score: Number(row.score),
      source: row.source as VerdictRecord['source'],
      reasoning: String(row.reasoning),
      confidence: Number(row.confidence),
      change: typeof row.change === 'string' ? (JSON.parse(row.change) as unknown) : undefined,
    };
  }

  /** Records why a regression was accepted. */
  addNote(functionId: string, text: string, versionId?: string): number {
    return Number(
      this.db.prepare('INSERT INTO notes (function_id, version_id, text, created_at) VALUES (?, ?, ?, ?)').run(functionId, versionId ?? null, text, now()).lastInsertRowid,
    );
  }

  /** A function's notes, oldest first. */
  listNotes(functionId: string): NoteRecord[] {
    return (this.db.prepare('SELECT * FROM notes WHERE function_id = ? ORDER BY id').all(functionId) as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      functionId,
      versionId: (r.version_id as string | null) ?? undefined,
      text: r.text as string,
      createdAt: r.created_at as string,
    }));
  }

  /** A cached LLM response by key (a hash of model and prompt). */
  llmCacheGet(key: string): string | undefined {
    return (this.db.prepare('SELECT response FROM llm_cache WHERE key = ?').get(key) as { response: string } | undefined)?.response;
  }

  /** Caches an LLM response. Only the response and the model name are stored: never a key. */
  llmCachePut(key: string, model: string, response: string): void {
    this.db.prepare('INSERT OR REPLACE INTO llm_cache (key, model, response, created_at) VALUES (?, ?, ?, ?)').run(key, model, response, now());
  }

  /** Empties the LLM response cache; returns how many answers were dropped. */
  llmCacheClear(): number {
    return this.db.prepare('DELETE FROM llm_cache').run().changes;
  }

  /** Runs `fn` in one IMMEDIATE transaction: several writes land together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

function toFunction(r: FunctionRow): StoredFunction {
  return { id: r.id, file: r.file, qualifiedName: r.qualified_name, bodyHash: r.body_hash };
}

function toVersion(r: VersionRow): StoredVersion {
  const v: StoredVersion = { id: r.id, functionId: r.function_id, hash: r.hash, bodyHash: r.body_hash, source: r.source, firstSeen: r.first_seen };
  if (r.git_commit) v.git = { commit: r.git_commit, branch: r.git_branch ?? undefined, author: r.git_author ?? undefined, ...(r.working_tree ? { workingTree: true } : {}) };
  return v;
}
