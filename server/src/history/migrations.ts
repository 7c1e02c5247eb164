// Versioned schema migrations of the history DB. The schema version lives in PRAGMA user_version;
// each migration runs once, in its own IMMEDIATE transaction, so a crash leaves the previous version intact.
import type { SqliteDatabase as Database } from './db';

/** One step of the schema. `version` is the user_version after it ran; steps are applied in order. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/** The schema, oldest step first. Never edit a released step: add a new one. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'functions, versions, runs, analyses, baselines, verdicts',
    up(db) {
      db.exec(`
        CREATE TABLE functions (
          id TEXT PRIMARY KEY,
          file TEXT NOT NULL,            -- workspace-relative, forward slashes
          qualified_name TEXT NOT NULL,
          body_hash TEXT NOT NULL,       -- latest body hash: how renames and moves are followed
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (file, qualified_name)
        );
        CREATE INDEX functions_body_hash ON functions (body_hash);
        CREATE TABLE function_names (      -- earlier locations of a function that was renamed or moved
          function_id TEXT NOT NULL REFERENCES functions (id),
          file TEXT NOT NULL,
          qualified_name TEXT NOT NULL,
          until TEXT NOT NULL
        );
        CREATE TABLE versions (
          id TEXT PRIMARY KEY,
          function_id TEXT NOT NULL REFERENCES functions (id),
          hash TEXT NOT NULL,
          body_hash TEXT NOT NULL,
          source TEXT NOT NULL,
          git_commit TEXT,
          git_branch TEXT,
          git_author TEXT,
          first_seen TEXT NOT NULL,
          UNIQUE (function_id, hash)
        );
        CREATE TABLE runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          version_id TEXT NOT NULL REFERENCES versions (id),
          created_at TEXT NOT NULL,
          samples BLOB,                  -- Float64Array, little-endian, ns per call, in run order
          sample_count INTEGER NOT NULL,
          median_ns REAL,
          ci_lo_ns REAL,
          ci_hi_ns REAL,
          cv REAL,
          allocated_bytes_per_call REAL,
          growth_order TEXT,
          stats TEXT,                    -- JSON
          memory TEXT,                   -- JSON
          growth TEXT,                   -- JSON
          inputs TEXT,                   -- JSON summary of the inputs used
          environment TEXT               -- JSON: node, cpu, load average
        );
        CREATE INDEX runs_version ON runs (version_id, created_at);
        CREATE TABLE analyses (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          version_id TEXT NOT NULL REFERENCES versions (id),
          created_at TEXT NOT NULL,
          cyclomatic REAL,
          cognitive REAL,
          data TEXT                      -- JSON
        );
        CREATE INDEX analyses_version ON analyses (version_id, created_at);
        CREATE TABLE baselines (
          label TEXT NOT NULL,
          function_id TEXT NOT NULL REFERENCES functions (id),
          version_id TEXT NOT NULL REFERENCES versions (id),
          scope TEXT NOT NULL CHECK (scope IN ('function', 'file', 'workspace')),
          created_at TEXT NOT NULL,
          PRIMARY KEY (label, function_id)
        );
        CREATE TABLE verdicts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          function_id TEXT NOT NULL REFERENCES functions (id),
          version_id TEXT NOT NULL REFERENCES versions (id),
          baseline_version_id TEXT REFERENCES versions (id),
          created_at TEXT NOT NULL,
          recommendation TEXT NOT NULL CHECK (recommendation IN ('ACCEPT', 'REVIEW', 'REJECT')),
          score REAL NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('llm', 'rules')),
          reasoning TEXT NOT NULL,
          confidence REAL NOT NULL,
          change TEXT                    -- JSON: the statistics the verdict rests on
        );
        CREATE INDEX verdicts_version ON verdicts (version_id, created_at);
      `);
    },
  },
  {
    version: 2,
    description: 'accepted-regression notes and the LLM response cache',
    up(db) {
      db.exec(`
        CREATE TABLE notes (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          function_id TEXT NOT NULL REFERENCES functions (id),
          version_id TEXT REFERENCES versions (id),
          text TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE llm_cache (
          key TEXT PRIMARY KEY,          -- sha256 of model + prompt
          model TEXT NOT NULL,
          response TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 3,
    description: 'one view per run (failures too), interleaved runs told apart, working-tree versions',
    up(db) {
      db.exec(`
        ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'bench';  -- 'bench' | 'interleaved'
        ALTER TABLE runs ADD COLUMN view TEXT;                          -- RunView JSON, computed once
        ALTER TABLE versions ADD COLUMN working_tree INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
];

/** Highest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Thrown when the DB was written by a newer PerfLens: migrating down would lose data. */
export class NewerSchemaError extends Error {}

/**
 * Brings `db` up to the last of `migrations`. Each step runs in an IMMEDIATE transaction that re-reads
 * user_version first, so two processes opening a fresh DB at once apply each step exactly once.
 * Returns the versions applied.
 */
export function migrate(db: Database, migrations: Migration[] = MIGRATIONS): number[] {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const applied: number[] = [];
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() > latest) {
    throw new NewerSchemaError(
      `the history DB has schema version ${current()}, newer than this PerfLens knows (${latest}); update PerfLens or point it at another DB file`,
    );
  }
  for (const m of migrations) {
    const step = db.transaction(() => {
      if (current() >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    });
    step.immediate();
  }
  return applied;
}
