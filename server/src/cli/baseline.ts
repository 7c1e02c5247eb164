// `perflens baseline set|show|clear <path> [--function <name>] [--label main]`: name the versions later runs
// are judged against. A baseline is the stored source of a version, so setting one runs nothing.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Engine } from '../engine';
import { isDirectory } from '../history/sources';
import type { BaselineScope } from '../history/store';
import { findProjectRoot, findWorkspaceRoot } from '../workspace';
import { ExitCode, stringOption, UsageError, type CliCommand, type CliContext } from './command';
import { formatNs } from '../format';
import { formatTable } from './table';

/** The workspace root for a file or folder argument (findWorkspaceRoot starts from a file's folder). */
export function workspaceRootFor(path: string): string {
  // A placeholder name inside the folder makes the search start at the folder itself.
  return findWorkspaceRoot(isDirectory(path) ? join(path, '_') : path);
}

/**
 * The engine for a CLI command in `workspaceRoot`: the history DB from --db or PERFLENS_HISTORY_DB when
 * given, and notices (a corrupt DB moved aside) on stderr.
 */
export function cliEngine(ctx: CliContext, workspaceRoot: string): Engine {
  const db = stringOption(ctx, 'db') ?? ctx.io.env.PERFLENS_HISTORY_DB;
  // Outside any project there is no place for the history: refuse (exit 2) rather than create .perflens/ here.
  if (!db && !findProjectRoot(workspaceRoot)) {
    throw new UsageError(`${workspaceRoot} is not inside a project (no package.json, tsconfig.json or .git here or above), so there is no place for the history DB: run perflens in your project, or name a DB file with --db <path>`);
  }
  return new Engine({ workspaceRoot, ...(db ? { dbPath: resolve(ctx.io.cwd, db) } : {}), notify: (message) => ctx.io.err(`perflens: ${message}`) });
}

export const baselineCommand: CliCommand = {
  name: 'baseline',
  usage: 'perflens baseline set|show|clear [<file|folder>] [--function <qualifiedName>] [--label main]',
  details: [
    'set: records the current source of the function (or every top-level function of the file or folder)',
    '     under the label. show: lists baselines, whether the code has changed since, and the median of their latest run. clear: removes them.',
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
    const engine = cliEngine(ctx, root);
    try {
      if (action === 'set') return await setBaselines(ctx, engine, target, fnName, stringOption(ctx, 'label') ?? 'main');
      if (action === 'show') return showBaselines(ctx, engine, root, target, fnName, stringOption(ctx, 'label'));
      return await clearBaselines(ctx, engine, target, fnName, stringOption(ctx, 'label') ?? 'main');
    } catch (err) {
      // The engine throws only when the history DB cannot be opened.
      ctx.io.err(`perflens: ${err instanceof Error ? err.message : String(err)}`);
      return ExitCode.failed;
    } finally {
      engine.dispose();
    }
  },
};

async function setBaselines(ctx: CliContext, engine: Engine, target: string, fnName: string | undefined, label: string): Promise<number> {
  const scope: BaselineScope = fnName ? 'function' : isDirectory(target) ? 'workspace' : 'file';
  const result = await engine.setBaseline(isDirectory(target) ? { folder: target } : { file: target, ...(fnName ? { qualifiedName: fnName } : {}) }, label);
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

function showBaselines(ctx: CliContext, engine: Engine, root: string, target: string, fnName: string | undefined, label: string | undefined): number {
  const prefix = relative(root, target).split('\\').join('/');
  const rows = engine.baselines({ path: target, ...(label !== undefined ? { label } : {}), ...(fnName !== undefined ? { qualifiedName: fnName } : {}) }).map((b) => ({
    label: b.label,
    file: b.file,
    function: b.qualifiedName,
    scope: b.scope,
    version: b.hash.slice(0, 10),
    commit: b.commit ?? null,
    setAt: b.setAt,
    current: b.current,
    // The baseline's own figures: its version's latest stored run, as the lens and the panel show it.
    medianNs: b.latest?.run.ok ? (b.latest.run.medianNs ?? null) : null,
    measuredAt: b.latest?.at ?? null,
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
      ['label', 'function', 'file', 'version', 'commit', 'set at', 'current code', 'latest median'],
      rows.map((r) => [r.label, r.function, r.file, r.version, r.commit ?? '-', r.setAt.slice(0, 19).replace('T', ' '), r.current, r.medianNs !== null ? formatNs(r.medianNs) : '-']),
    ),
  );
  return ExitCode.ok;
}

async function clearBaselines(ctx: CliContext, engine: Engine, target: string, fnName: string | undefined, label: string): Promise<number> {
  const removed = await engine.clearBaseline(fnName ? { file: target, qualifiedName: fnName } : isDirectory(target) ? { folder: target } : { file: target }, label);
  if (ctx.values.json) ctx.io.out(JSON.stringify({ label, removed }));
  else ctx.io.out(`removed ${removed} baseline${removed === 1 ? '' : 's'} "${label}"`);
  return ExitCode.ok;
}
