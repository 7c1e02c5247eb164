// Opening the history DB: create it when missing, move a corrupt file aside and start fresh, refuse a
// DB from a newer PerfLens. Everything after opening goes through HistoryStore.
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { openDatabase, type SqliteDatabase } from './db';
import { migrate, NewerSchemaError } from './migrations';
import { HistoryStore } from './store';

/** Default location of the DB, relative to the workspace root. */
export const DEFAULT_HISTORY_PATH = join('.perflens', 'history.db');

/** Options of {@link openHistory}. */
export interface OpenHistoryOptions {
  /** Files are stored relative to this root, so the DB survives moving the checkout. */
  workspaceRoot: string;
  /** DB file; absolute or relative to the root. Default `.perflens/history.db`. */
  path?: string;
  /** How long a writer waits for another process's lock (default 10 s). */
  busyTimeoutMs?: number;
}

/** The result of opening: a store (maybe with a notice to show the user) or an actionable error. */
export type OpenHistoryResult = { ok: true; store: HistoryStore; notice?: string } | { ok: false; error: string };

const now = () => new Date().toISOString();

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_SHORT_READ']);

/**
 * Opens (creating when needed) the history DB. A corrupt or unreadable file is moved aside to
 * `<name>.corrupt-<time>` with its -wal/-shm, a fresh DB is created, and `notice` says so.
 * A DB from a newer PerfLens is left alone and reported as an error.
 */
export function openHistory(options: OpenHistoryOptions): OpenHistoryResult {
  const file = historyFile(options);
  const creating = !existsSync(file);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    return { ok: false, error: `Cannot create the folder for the history DB ${file}: ${(err as Error).message}. Check permissions or set another path.` };
  }
  const first = tryOpen(file, options);
  if (first.ok) {
    if (creating) ignoreDatabaseFiles(file);
    return { ok: true, store: new HistoryStore(first.db, options.workspaceRoot, file) };
  }
  if (first.newer) return { ok: false, error: first.message };
  if (!first.corrupt || !isFile(file)) {
    return { ok: false, error: `Cannot open the history DB ${file}: ${first.message}` };
  }
  const aside = `${file}.corrupt-${now().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  } catch (err) {
    return { ok: false, error: `The history DB ${file} is unreadable (${first.message}) and could not be moved aside: ${(err as Error).message}. Delete it by hand.` };
  }
  const second = tryOpen(file, options);
  if (!second.ok) return { ok: false, error: `Cannot create a fresh history DB at ${file}: ${second.message}` };
  return {
    ok: true,
    store: new HistoryStore(second.db, options.workspaceRoot, file),
    notice: `The history DB ${file} was unreadable (${first.message}); it was moved to ${aside} and a fresh one was created. Earlier history and baselines are in the moved file.`,
  };
}

/** Where the history DB of these options lives (it may not exist yet). */
export function historyFile(options: Pick<OpenHistoryOptions, 'workspaceRoot' | 'path'>): string {
  return isAbsolute(options.path ?? '') ? options.path! : join(options.workspaceRoot, options.path ?? DEFAULT_HISTORY_PATH);
}

/**
 * When a DB is first created in a `.perflens` folder, that folder gets a `.gitignore` for the database files
 * (and only those: inputs.json and mocks.json beside them are meant to be committed), so the DB and its
 * -wal/-shm never show up as untracked files. An existing `.gitignore` is the user's and is left alone;
 * a DB elsewhere (a custom path) is not ours to ignore.
 */
function ignoreDatabaseFiles(file: string): void {
  const dir = dirname(file);
  if (basename(dir) !== '.perflens') return;
  const name = basename(file);
  const body = [
    '# Written by PerfLens: the history database is local to this machine. inputs.json and mocks.json are not',
    '# listed here: commit them so everyone benchmarks with the same inputs.',
    name,
    `${name}-wal`,
    `${name}-shm`,
    `${name}.corrupt-*`,
    '',
  ].join('\n');
  try {
    writeFileSync(join(dir, '.gitignore'), body, { flag: 'wx' });
  } catch {
    // Exists already (the user's own), or the folder is read-only: either way nothing to do.
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

type TryOpen = { ok: true; db: SqliteDatabase } | { ok: false; corrupt: boolean; newer: boolean; message: string };

function tryOpen(file: string, options: OpenHistoryOptions): TryOpen {
  let db: SqliteDatabase | undefined;
  try {
    db = openDatabase(file);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against process crashes in WAL mode (only a power cut can lose the last commit).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      const e = new Error(`integrity check failed: ${String(check)}`) as Error & { code: string };
      e.code = 'SQLITE_CORRUPT';
      throw e;
    }
    migrate(db);
    return { ok: true, db };
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code ?? '';
    return {
      ok: false,
      corrupt: CORRUPT_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'),
      newer: err instanceof NewerSchemaError,
      message: (err as Error).message,
    };
  }
}
