// `perflens baseline set|show|clear <path> [--function <name>] [--label main]`: name the versions later runs
// are judged against. A baseline is the stored source of a version, so setting one runs nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { locateFunctions } from '../locate/locate';
import { isDirectory, sourceFiles } from '../history/sources';
import { openHistory } from '../history/open';
import type { BaselineScope, HistoryStore } from '../history/store';
import { findWorkspaceRoot } from '../workspace';
import { setBaseline } from '../history/baselines';
import { ExitCode, stringOption, UsageError, type CliCommand, type CliContext } from './command';
import { formatTable } from './table';

/** The workspace root for a file or folder argument (findWorkspaceRoot starts from a file's folder). */
export function workspaceRootFor(path: string): string {
  // A placeholder name inside the folder makes the search start at the folder itself.
  return findWorkspaceRoot(isDirectory(path) ? join(path, '_') : path);
}

/** Opens the workspace's history DB for a CLI command, printing any notice; undefined after printing an error. */
export function openCliHistory(ctx: CliContext, workspaceRoot: string): HistoryStore | undefined {
  const db = stringOption(ctx, 'db') ?? ctx.io.env.PERFLENS_HISTORY_DB;
  const opened = openHistory({ workspaceRoot, ...(db ? { path: resolve(ctx.io.cwd, db) } : {}) });
  if (!opened.ok) {
    ctx.io.err(`perflens: ${opened.error}`);
    return undefined;
  }
  if (opened.notice) ctx.io.err(`perflens: ${opened.notice}`);
  return opened.store;
}

export const baselineCommand: CliCommand = {
  name: 'baseline',
  summary: 'Set, show or clear the baseline versions that check and compare judge against',
  usage: 'perflens baseline set|show|clear [<file|folder>] [--function <qualifiedName>] [--label main]',
  details: [
    'set: records the current source of the function (or every top-level function of the file or folder)',
    '     under the label. show: lists baselines and whether the code has changed since. clear: removes them.',
    'The history DB is .perflens/history.db at the workspace root (--db or PERFLENS_HISTORY_DB to change).',
    'Exit codes: 0 done, 1 the history DB cannot be opened, 2 bad usage or a missing file or function.',
  ].join('\n'),
  options: {
    function: { type: 'string', short: 'f', valueName: '<qualifiedName>', description: 'one function instead of the whole file' },
    label: { type: 'string', short: 'l', valueName: '<label>', description: 'baseline name (default main)' },
    db: { type: 'string', valueName: '<path>', description: 'history DB file' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  positionals: { min: 1, max: 2, names: 'set|show|clear [<file|folder>]' },
  async run(ctx) {
    const action = ctx.positionals[0]!;
    if (!['set', 'show', 'clear'].includes(action)) throw new UsageError(`unknown action "${action}": use set, show or clear`);
    const target = resolve(ctx.io.cwd, ctx.positionals[1] ?? '.');
    if (!existsSync(target)) {
      ctx.io.err(`perflens: no such file or folder: ${target}`);
      return ExitCode.usage;
    }
    const fnName = stringOption(ctx, 'function');
    if (fnName && isDirectory(target)) throw new UsageError('--function needs a file, not a folder');
    const root = workspaceRootFor(target);
    const store = openCliHistory(ctx, root);
    if (!store) return ExitCode.failed;
    try {
      if (action === 'set') return await setBaselines(ctx, store, target, fnName, stringOption(ctx, 'label') ?? 'main');
      if (action === 'show') return showBaselines(ctx, store, root, target, fnName, stringOption(ctx, 'label'));
      return clearBaselines(ctx, store, target, fnName, stringOption(ctx, 'label') ?? 'main');
    } finally {
      store.close();
    }
  },
};

async function setBaselines(ctx: CliContext, store: HistoryStore, target: string, fnName: string | undefined, label: string): Promise<number> {
  const scope: BaselineScope = fnName ? 'function' : isDirectory(target) ? 'workspace' : 'file';
  const sources = sourceFiles(target).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const result = await setBaseline(store, label, scope, sources, fnName);
  if (result.missing) {
    const has = result.missing.available;
    ctx.io.err(`perflens: no function "${fnName}" in ${target}.${has.length ? ` It has: ${has.slice(0, 6).join(', ')}${has.length > 6 ? ', ...' : ''}.` : ''}`);
    return ExitCode.usage;
  }
  if (result.count === 0) {
    ctx.io.err(`perflens: no functions found under ${target}`);
    return ExitCode.usage;
  }
  const { names } = result;
  if (ctx.values.json) ctx.io.out(JSON.stringify({ label, scope, functions: names }, null, 2));
  else ctx.io.out(`baseline "${label}" set for ${names.length} function${names.length === 1 ? '' : 's'} (${scope})${names.length <= 10 ? `:\n  ${names.join('\n  ')}` : ''}`);
  return ExitCode.ok;
}

function showBaselines(ctx: CliContext, store: HistoryStore, root: string, target: string, fnName: string | undefined, label: string | undefined): number {
  const prefix = relative(root, target).split('\\').join('/');
  const all = store.listBaselines(label !== undefined ? { label } : {});
  const shown = all.filter((b) => {
    if (prefix && !(b.function.file === prefix || b.function.file.startsWith(prefix + '/'))) return false;
    return fnName === undefined || b.function.qualifiedName === fnName;
  });
  const status = (file: string, qualifiedName: string, hash: string): string => {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      return 'file missing';
    }
    const fn = locateFunctions(file, text).functions.find((f) => f.qualifiedName === qualifiedName);
    return !fn ? 'function missing' : fn.hash === hash ? 'same' : 'changed';
  };
  const rows = shown.map((b) => ({
    label: b.label,
    file: b.function.file,
    function: b.function.qualifiedName,
    scope: b.scope,
    version: b.version.hash.slice(0, 10),
    commit: b.version.git?.commit ?? null,
    setAt: b.createdAt,
    current: status(b.function.file, b.function.qualifiedName, b.version.hash),
  }));
  if (ctx.values.json) {
    ctx.io.out(JSON.stringify(rows, null, 2));
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    ctx.io.out(`no baselines${label ? ` "${label}"` : ''} for ${prefix || 'the workspace'}`);
    return ExitCode.ok;
  }
  ctx.io.out(
    formatTable(
      ['label', 'function', 'file', 'version', 'commit', 'set at', 'current code'],
      rows.map((r) => [r.label, r.function, r.file, r.version, r.commit ?? '-', r.setAt.slice(0, 19).replace('T', ' '), r.current]),
    ),
  );
  return ExitCode.ok;
}

function clearBaselines(ctx: CliContext, store: HistoryStore, target: string, fnName: string | undefined, label: string): number {
  let removed = 0;
  if (fnName) {
    const fn = store.findFunction(target, fnName);
    if (fn) removed = store.clearBaselines(label, { functionId: fn.id });
  } else if (isDirectory(target)) {
    const root = store.relativePath(target);
    const files = new Set(store.listBaselines({ label }).map((b) => b.function.file).filter((f) => !root || f === root || f.startsWith(root + '/')));
    for (const file of files) removed += store.clearBaselines(label, { file });
  } else {
    removed = store.clearBaselines(label, { file: target });
  }
  if (ctx.values.json) ctx.io.out(JSON.stringify({ label, removed }));
  else ctx.io.out(`removed ${removed} baseline${removed === 1 ? '' : 's'} "${label}"`);
  return ExitCode.ok;
}
