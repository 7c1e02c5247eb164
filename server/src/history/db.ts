// The SQLite connection under the history store: better-sqlite3 when its native binary loads into the
// running Node, else Node's built-in `node:sqlite` (Node 22.13+), behind the few calls the store makes.
// Both read and write the same file format, so a DB moves freely between Node versions and engines.
//
// Why an adapter of our own: better-sqlite3's binary is tied to one Node ABI, and the `.vsix` runs on
// whichever `node` the user has. node:sqlite has no pragma()/transaction() helpers and reports errors as
// ERR_SQLITE_ERROR with a numeric errcode, so the adapter supplies the helpers and the SQLITE_* codes the
// store relies on (corrupt-file detection).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Which library talks to SQLite in this process. */
export type SqliteEngineName = 'better-sqlite3' | 'node:sqlite';

/** What a write reports. */
export interface RunInfo {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement: positional `?` parameters. Rows come back as plain objects. */
export interface SqliteStatement {
  run(...params: unknown[]): RunInfo;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A function wrapped in a transaction; `immediate()` takes the write lock at BEGIN (as better-sqlite3). */
export interface SqliteTransaction<T> {
  (): T;
  deferred(): T;
  immediate(): T;
  exclusive(): T;
}

/** The calls the history store makes on its connection; better-sqlite3's Database has the same shape. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  /** `PRAGMA <source>`; with `simple` the first column of the first row, else every row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<T>(fn: () => T): SqliteTransaction<T>;
  close(): void;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  readonly?: boolean;
}

/** The engine this process uses, or why none can run. */
export type SqliteEngine =
  | { ok: true; name: SqliteEngineName; open(file: string, options?: OpenDatabaseOptions): SqliteDatabase; note?: string }
  | { ok: false; error: string };

/** How {@link selectEngine} loads each engine; tests pass failing loaders to check the fallback. */
export interface EngineLoaders {
  betterSqlite3(): BetterSqlite3Constructor;
  nodeSqlite(): NodeSqliteModule;
  /** A better-sqlite3 binary shipped next to the bundle for this Node, if any. */
  shippedBinding(): string | undefined;
}

type BetterSqlite3Constructor = new (file: string, options?: { readonly?: boolean; nativeBinding?: string }) => SqliteDatabase;
interface NodeSqliteModule {
  DatabaseSync: new (file: string, options?: { readOnly?: boolean }) => NodeSqliteDatabase;
}
interface NodeSqliteDatabase {
  prepare(sql: string): { run(...p: unknown[]): RunInfo; get(...p: unknown[]): unknown; all(...p: unknown[]): unknown[] };
  exec(sql: string): void;
  close(): void;
}

/** `PERFLENS_SQLITE=node:sqlite` (or `better-sqlite3`) forces one engine: the store tests run against each. */
export const ENGINE_ENV = 'PERFLENS_SQLITE';

/**
 * File name of a better-sqlite3 binary shipped with the bundle (dist/native/): one per Node ABI, platform
 * and arch, so a binary for another Node is never even loaded.
 */
export function shippedBindingName(abi = process.versions.modules, platform = process.platform, arch = process.arch): string {
  return `better_sqlite3-node${abi}-${platform}-${arch}.node`;
}

const defaultLoaders: EngineLoaders = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  betterSqlite3: () => require('better-sqlite3') as BetterSqlite3Constructor,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  nodeSqlite: () => require('node:sqlite') as NodeSqliteModule,
  shippedBinding() {
    // Bundled: this code runs from dist/, the binary sits in dist/native/. From sources there is none, and
    // better-sqlite3 finds its own build in node_modules.
    const file = join(__dirname, 'native', shippedBindingName());
    return existsSync(file) ? file : undefined;
  },
};

/**
 * Picks the engine: better-sqlite3 if its binary loads into this Node, else node:sqlite, else an error
 * that says what to do. `PERFLENS_SQLITE` forces one.
 */
export function selectEngine(env: NodeJS.ProcessEnv = process.env, loaders: EngineLoaders = defaultLoaders): SqliteEngine {
  const forced = env[ENGINE_ENV]?.trim();
  if (forced && forced !== 'better-sqlite3' && forced !== 'node:sqlite') {
    return { ok: false, error: `${ENGINE_ENV}=${forced} is not an engine: use better-sqlite3 or node:sqlite` };
  }
  let betterError = '';
  if (forced !== 'node:sqlite') {
    try {
      const Database = loaders.betterSqlite3();
      const nativeBinding = loaders.shippedBinding();
      const options = nativeBinding ? { nativeBinding } : {};
      // Opening a memory DB loads the native binary: a binary built for another Node ABI fails here.
      new Database(':memory:', options).close();
      return {
        ok: true,
        name: 'better-sqlite3',
        open: (file, o = {}) => new Database(file, { ...options, ...(o.readonly ? { readonly: true } : {}) }),
      };
    } catch (err) {
      betterError = oneLine(err);
      if (forced === 'better-sqlite3') return { ok: false, error: `better-sqlite3 cannot load in Node ${process.versions.node}: ${betterError}` };
    }
  }
  try {
    const sqlite = loaders.nodeSqlite();
    return {
      ok: true,
      name: 'node:sqlite',
      open: (file, o = {}) => new NodeSqliteAdapter(new sqlite.DatabaseSync(file, o.readonly ? { readOnly: true } : {})),
      ...(betterError ? { note: `better-sqlite3 is unavailable (${betterError}); using node:sqlite` } : {}),
    };
  } catch (err) {
    const why = forced === 'node:sqlite' ? oneLine(err) : `better-sqlite3: ${betterError}; node:sqlite: ${oneLine(err)}`;
    return {
      ok: false,
      error:
        `No SQLite engine runs in Node ${process.versions.node} (${why}). ` +
        'Run PerfLens on Node 22.13 or newer (its built-in node:sqlite is used), or rebuild better-sqlite3 for this Node (`npm rebuild better-sqlite3`).',
    };
  }
}

let selected: SqliteEngine | undefined;

/** The engine of this process, selected once on first use. */
export function sqliteEngine(): SqliteEngine {
  return (selected ??= selectEngine());
}

/** The name of the engine in use (for the history view), or undefined when none can run. */
export function sqliteEngineName(): SqliteEngineName | undefined {
  const engine = sqliteEngine();
  return engine.ok ? engine.name : undefined;
}

/** Opens a SQLite file with the engine of this process; throws (with `code`) like the engine would. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const engine = sqliteEngine();
  if (!engine.ok) throw Object.assign(new Error(engine.error), { code: 'PERFLENS_NO_SQLITE' });
  return engine.open(file, options);
}

/** An error's message on one line (a failed dlopen spreads the useful part over several). */
function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ').trim();
}

/** node:sqlite behind the better-sqlite3 calls the store uses. */
class NodeSqliteAdapter implements SqliteDatabase {
  private depth = 0;

  constructor(private readonly db: NodeSqliteDatabase) {}

  prepare(sql: string): SqliteStatement {
    const stmt = sqliteCall(() => this.db.prepare(sql));
    return {
      run: (...params) => sqliteCall(() => stmt.run(...params)),
      get: (...params) => plain(sqliteCall(() => stmt.get(...params))),
      all: (...params) => sqliteCall(() => stmt.all(...params)).map(plain),
    };
  }

  exec(sql: string): void {
    sqliteCall(() => this.db.exec(sql));
  }

  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const rows = this.prepare(`PRAGMA ${source}`).all() as Record<string, unknown>[];
    return options.simple ? (rows[0] ? Object.values(rows[0])[0] : undefined) : rows;
  }

  transaction<T>(fn: () => T): SqliteTransaction<T> {
    const inMode = (mode: string) => (): T => {
      // Nested calls become savepoints, as in better-sqlite3.
      const nested = this.depth > 0;
      const name = `perflens_tx_${this.depth}`;
      this.exec(nested ? `SAVEPOINT ${name}` : `BEGIN ${mode}`);
      this.depth++;
      try {
        const result = fn();
        this.depth--;
        this.exec(nested ? `RELEASE ${name}` : 'COMMIT');
        return result;
      } catch (err) {
        this.depth--;
        try {
          this.exec(nested ? `ROLLBACK TO ${name}; RELEASE ${name}` : 'ROLLBACK');
        } catch {
          // SQLite already rolled the transaction back (e.g. after SQLITE_FULL); the original error matters.
        }
        throw err;
      }
    };
    return Object.assign(inMode('DEFERRED'), { deferred: inMode('DEFERRED'), immediate: inMode('IMMEDIATE'), exclusive: inMode('EXCLUSIVE') });
  }

  close(): void {
    this.db.close();
  }
}

/** Rows of node:sqlite have a null prototype; the store and its callers expect plain objects. */
function plain(row: unknown): unknown {
  return row && typeof row === 'object' ? { ...row } : row;
}

/** Runs a node:sqlite call and gives its error the `SQLITE_*` code better-sqlite3 would have given. */
function sqliteCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const e = err as { code?: string; errcode?: unknown };
    if (e && e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') e.code = sqliteCodeName(e.errcode);
    throw err;
  }
}

/** Primary result codes (sqlite.org/rescode.html), by number. */
const PRIMARY_CODES = [
  'OK', 'ERROR', 'INTERNAL', 'PERM', 'ABORT', 'BUSY', 'LOCKED', 'NOMEM', 'READONLY', 'INTERRUPT', 'IOERR', 'CORRUPT',
  'NOTFOUND', 'FULL', 'CANTOPEN', 'PROTOCOL', 'EMPTY', 'SCHEMA', 'TOOBIG', 'CONSTRAINT', 'MISMATCH', 'MISUSE', 'NOLFS',
  'AUTH', 'FORMAT', 'RANGE', 'NOTADB', 'NOTICE', 'WARNING',
];
/** The extended codes the store tells apart. */
const EXTENDED_CODES: Record<number, string> = { 522: 'IOERR_SHORT_READ', 267: 'CORRUPT_VTAB', 523: 'CORRUPT_SEQUENCE', 779: 'CORRUPT_INDEX' };

/** `SQLITE_<NAME>` of a numeric (possibly extended) result code, as better-sqlite3 names them. */
export function sqliteCodeName(code: number): string {
  const name = EXTENDED_CODES[code] ?? PRIMARY_CODES[code & 0xff] ?? 'ERROR';
  return `SQLITE_${name}`;
}
