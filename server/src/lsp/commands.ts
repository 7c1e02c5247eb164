// The server's commands (workspace/executeCommand): benchmark, compare, baselines, accept, history.
// Each resolves its target in the open document, calls the engine, and answers with a message the user
// can act on; a failure is a value (ok: false), never an LSP error.
import * as path from 'node:path';
import {
  RunRecordedNotification,
  RunStateNotification,
  ServerCommand,
  ShowHistoryNotification,
  type BenchmarkSummary,
  type CommandResult,
  type CommandTarget,
} from '../protocol';
import type { CancellationToken, Connection, ExecuteCommandParams, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { Engine } from '../engine';
import { innermostAt, locateFunctions } from '../locate/locate';
import type { LocatedFunction } from '../locate/types';
import { fileOf, functionAtPosition, type DocState } from './documents';
import type { FunctionStatus } from '../engine';
import { benchmarkSummary, summaryMessage } from './present';
import { benchSettings, type PerfLensSettings } from './settings';

/** What the command handlers share with the rest of the server. */
export interface ServerContext {
  readonly connection: Connection;
  readonly docs: Map<string, DocState>;
  /** The stored runs of each document's functions (every version's latest), per document URI. */
  readonly statusCache: Map<string, FunctionStatus[]>;
  /** One run per function at a time; a second click on a running function is refused. */
  readonly running: Map<string, AbortController>;
  readonly trusted: boolean;
  readonly canCreateProgress: boolean;
  lastSummary: BenchmarkSummary | undefined;
  settingsFor(uri: string): Promise<PerfLensSettings>;
  requireEngine(): Engine;
  log(line: string): void;
  refreshStatus(state: DocState): void;
  refreshAllStatus(): void;
  refreshLenses(): void;
  publish(state: DocState): Promise<void>;
}

/** The key of a function in `running`. */
export function runKey(uri: string, qualifiedName: string): string {
  return `${uri}#${qualifiedName}`;
}

/** Runs one workspace/executeCommand. */
export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams, token: CancellationToken): Promise<CommandResult> {
  const target = (params.arguments?.[0] ?? {}) as CommandTarget;
  try {
    switch (params.command) {
      case ServerCommand.benchmark:
      case ServerCommand.compare:
        return await benchmarkCommand(ctx, target, params, token, params.command === ServerCommand.compare);
      case ServerCommand.benchmarkFile:
        return await benchmarkFileCommand(ctx, target, params, token);
      case ServerCommand.setBaseline:
        return await baselineCommand(ctx, target, 'set');
      case ServerCommand.clearBaseline:
        return await baselineCommand(ctx, target, 'clear');
      case ServerCommand.acceptRegression:
        return await acceptCommand(ctx, target);
      case ServerCommand.showHistory:
        return showHistoryCommand(ctx, target);
      case ServerCommand.clearLlmCache: {
        const n = ctx.requireEngine().clearLlmCache();
        return { ok: true, message: `Cleared ${n} cached LLM verdict${n === 1 ? '' : 's'}.` };
      }
      default:
        return { ok: false, message: `PerfLens does not know the command "${params.command}".` };
    }
  } catch (err) {
    // Errors are values for the client: a failed command never becomes an LSP error the user cannot read.
    return { ok: false, message: errorText(err) };
  }
}

/**
 * The document and function a command is about. Commands are rare and deliberate, so this parses the
 * current text (a function typed a moment ago counts); a function hidden by a syntax error is still
 * found among the document's known functions.
 */
function resolveTarget(ctx: ServerContext, target: CommandTarget): { state: DocState; fns: LocatedFunction[]; fn?: LocatedFunction } {
  if (!target.uri) throw new Error('This command needs a file: run it from an editor, or pass { uri, qualifiedName }.');
  const state = ctx.docs.get(target.uri);
  if (!state) throw new Error(`${fileOf(target.uri)} is not open: open it in the editor first.`);
  const fresh = locateFunctions(state.file, state.doc.getText());
  const known = state.fns ?? [];
  const fns = fresh.syntaxErrors.length ? [...fresh.functions, ...known.filter((k) => !fresh.functions.some((f) => f.qualifiedName === k.qualifiedName))] : fresh.functions;
  const fn = target.qualifiedName
    ? fns.find((f) => f.qualifiedName === target.qualifiedName)
    : target.position
      ? innermostAt(fresh.functions, state.doc.offsetAt(target.position)) ?? functionAtPosition(known, target.position)
      : undefined;
  return { state, fns, fn };
}

function refuseUntrusted(ctx: ServerContext): CommandResult | undefined {
  if (ctx.trusted) return undefined;
  return { ok: false, message: 'Benchmarks are off because this workspace is not trusted: PerfLens would run its code. Trust the workspace to enable them; analysis keeps working.' };
}

async function benchmarkCommand(ctx: ServerContext, target: CommandTarget, params: ExecuteCommandParams, token: CancellationToken, compare: boolean): Promise<CommandResult> {
  const refused = refuseUntrusted(ctx);
  if (refused) return refused;
  const { state, fn } = resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: target.qualifiedName ? `No function "${target.qualifiedName}" in ${path.basename(state.file)}: it was renamed or deleted.` : 'Put the cursor inside a function to benchmark it.' };
  const progress = await progressFor(ctx, params, `Benchmarking ${fn.qualifiedName}`);
  try {
    const summary = await runBenchmark(ctx, state, fn.qualifiedName, { token, progress });
    if (compare && summary.ok && summary.change === undefined) {
      return { ok: false, message: `${fn.qualifiedName} has no baseline "${(await ctx.settingsFor(state.doc.uri)).baseline.label}" to compare with: run "PerfLens: Set Baseline" first.`, results: [summary] };
    }
    return { ok: summary.ok, message: summaryMessage(summary), results: [summary] };
  } finally {
    progress?.done();
  }
}

async function benchmarkFileCommand(ctx: ServerContext, target: CommandTarget, params: ExecuteCommandParams, token: CancellationToken): Promise<CommandResult> {
  const refused = refuseUntrusted(ctx);
  if (refused) return refused;
  const { state, fns: all } = resolveTarget(ctx, target);
  const fns = all.filter((fn) => !fn.parent);
  if (fns.length === 0) return { ok: false, message: `${path.basename(state.file)} has no functions to benchmark.` };
  const progress = await progressFor(ctx, params, `Benchmarking ${fns.length} functions`);
  const results: BenchmarkSummary[] = [];
  try {
    for (const [i, fn] of fns.entries()) {
      if (token.isCancellationRequested || progress?.token?.isCancellationRequested) break;
      progress?.report(Math.round((i / fns.length) * 100), `${i + 1}/${fns.length} ${fn.qualifiedName}`);
      results.push(await runBenchmark(ctx, state, fn.qualifiedName, { token, progress: undefined, outer: progress }));
    }
  } finally {
    progress?.done();
  }
  const failed = results.filter((r) => !r.ok).length;
  const rejected = results.filter((r) => r.verdict?.recommendation === 'REJECT').length;
  return {
    ok: failed === 0,
    message: `Benchmarked ${results.length} of ${fns.length} functions in ${path.basename(state.file)}: ${failed} failed, ${rejected} rejected.`,
    results,
  };
}

type Progress = WorkDoneProgressReporter & { token?: CancellationToken };

/**
 * Progress for a long command: the client's token when it sent one (VS Code palette commands), else a
 * server-created one when the client supports it (lens clicks, Neovim), else none.
 */
async function progressFor(ctx: ServerContext, params: ExecuteCommandParams, title: string): Promise<Progress | undefined> {
  if (params.workDoneToken !== undefined) {
    const reporter = ctx.connection.window.attachWorkDoneProgress(params.workDoneToken);
    reporter.begin(title, 0, undefined, true);
    return reporter;
  }
  if (!ctx.canCreateProgress) return undefined;
  const reporter = await ctx.connection.window.createWorkDoneProgress();
  reporter.begin(title, 0, undefined, true);
  return reporter;
}

/** Benchmarks one function of an open document, keeping lenses, run state and diagnostics in step. */
export async function runBenchmark(
  ctx: ServerContext,
  state: DocState,
  qualifiedName: string,
  ctl: { token?: CancellationToken; progress?: Progress; outer?: { token?: CancellationToken } },
): Promise<BenchmarkSummary> {
  const { connection } = ctx;
  const eng = ctx.requireEngine();
  const { uri } = state.doc;
  const key = runKey(uri, qualifiedName);
  if (ctx.running.has(key)) return { uri, qualifiedName, ok: false, title: '◷ Benchmarking…', error: `${qualifiedName} is already being benchmarked.` };
  const settings = await ctx.settingsFor(uri);
  const abort = new AbortController();
  ctx.running.set(key, abort);
  // Cancellation arrives as $/cancelRequest (request token) or window/workDoneProgress/cancel (progress token).
  const cancel = () => abort.abort();
  const subs = [ctl.token, ctl.progress?.token, ctl.outer?.token].filter((t): t is CancellationToken => !!t).map((t) => t.onCancellationRequested(cancel));
  ctx.refreshLenses();
  const notify = (phase: string, fraction?: number) => connection.sendNotification(RunStateNotification.type, { running: { uri, qualifiedName, phase, fraction }, last: ctx.lastSummary });
  void notify('starting');
  let summary: BenchmarkSummary;
  try {
    const outcome = await eng.benchmark(state.file, state.doc.getText(), qualifiedName, benchSettings(settings), {
      signal: abort.signal,
      onProgress: (p) => {
        ctl.progress?.report(p.fraction !== undefined ? Math.round(p.fraction * 100) : 0, p.phase);
        void notify(p.phase, p.fraction);
      },
    });
    ctx.refreshStatus(state);
    // Without a history the run is kept here, so the lens still shows it until the next one.
    if (!outcome.recorded) ctx.statusCache.set(uri, [outcome.status, ...(ctx.statusCache.get(uri) ?? [])]);
    const fn = (state.fns ?? []).find((f) => f.qualifiedName === qualifiedName);
    const cyclomatic = state.analysis?.result.functions.find((f) => f.fn.qualifiedName === qualifiedName)?.complexity.cyclomatic;
    summary = benchmarkSummary(uri, qualifiedName, fn, outcome.status, cyclomatic);
    if (outcome.notice) {
      summary.notice = outcome.notice;
      ctx.log(`benchmark ${qualifiedName}: ${outcome.notice}`);
    }
  } catch (err) {
    // The engine rejects only when cancelled; anything else is a bug worth showing as it is.
    const error = abort.signal.aborted ? `Benchmark of ${qualifiedName} was cancelled.` : errorText(err);
    summary = { uri, qualifiedName, ok: false, title: '⚠ Benchmark failed', error };
  } finally {
    ctx.running.delete(key);
    subs.forEach((s) => s.dispose());
  }
  ctx.lastSummary = summary;
  if (summary.ok) void connection.sendNotification(RunRecordedNotification.type, { uri, qualifiedName });
  ctx.log(`benchmark ${path.basename(state.file)}#${qualifiedName}: ${summaryMessage(summary)}`);
  void connection.sendNotification(RunStateNotification.type, { last: summary });
  await ctx.publish(state);
  ctx.refreshLenses();
  return summary;
}

async function baselineCommand(ctx: ServerContext, target: CommandTarget, action: 'set' | 'clear'): Promise<CommandResult> {
  const eng = ctx.requireEngine();
  const label = target.label || (await ctx.settingsFor(target.uri ?? '')).baseline.label;
  const scope = target.scope ?? 'function';
  let where: { file: string; qualifiedName?: string } | { workspace: true };
  let what: string;
  if (scope === 'workspace') {
    where = { workspace: true };
    what = 'every function of the workspace';
  } else {
    const { state, fn } = resolveTarget(ctx, target);
    if (scope === 'function' && !fn) return { ok: false, message: 'Put the cursor inside a function, or choose the file or workspace scope.' };
    where = scope === 'function' && fn ? { file: state.file, qualifiedName: fn.qualifiedName } : { file: state.file };
    what = scope === 'function' && fn ? fn.qualifiedName : path.basename(state.file);
    // The engine baselines the text it last analysed (else the file on disk); this thread's engine has
    // not seen the editor's text (analysis runs in the worker), so show it the unsaved buffer first.
    if (action === 'set') await eng.analyze(state.file, state.doc.getText(), { typeCheck: false });
  }
  if (action === 'clear') {
    const n = await eng.clearBaseline(where, label);
    ctx.refreshAllStatus();
    return n > 0 ? { ok: true, message: `Cleared baseline "${label}" of ${what} (${n} function${n === 1 ? '' : 's'}).` } : { ok: false, message: `${what} has no baseline "${label}".` };
  }
  const result = await eng.setBaseline(where, label);
  ctx.refreshAllStatus();
  if (result.count === 0) {
    const available = result.missing?.available.length ? ` Functions found: ${result.missing.available.join(', ')}.` : '';
    return { ok: false, message: `No baseline set: ${what} has no function PerfLens can baseline.${available}` };
  }
  return { ok: true, message: `Set baseline "${label}" for ${what} (${result.count} function${result.count === 1 ? '' : 's'}).` };
}

async function acceptCommand(ctx: ServerContext, target: CommandTarget): Promise<CommandResult> {
  const { state, fn } = resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: 'Put the cursor inside the function whose regression you accept.' };
  const note = target.note?.trim() || 'accepted from the editor';
  await ctx.requireEngine().acceptRegression(state.file, fn.qualifiedName, note, fn.hash);
  ctx.refreshStatus(state);
  await ctx.publish(state);
  ctx.refreshLenses();
  return { ok: true, message: `Accepted the slowdown of ${fn.qualifiedName}: "${note}".` };
}

function showHistoryCommand(ctx: ServerContext, target: CommandTarget): CommandResult {
  const { state, fn } = resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: 'Put the cursor inside a function to see its history.' };
  const view = ctx.requireEngine().history(state.file, fn.qualifiedName);
  if (!view || view.versions.length === 0) return { ok: false, message: `${fn.qualifiedName} has no stored history yet: benchmark it first.` };
  void ctx.connection.sendNotification(ShowHistoryNotification.type, { uri: state.doc.uri, qualifiedName: fn.qualifiedName });
  return { ok: true, message: `${fn.qualifiedName}: ${view.versions.length} stored version${view.versions.length === 1 ? '' : 's'}.` };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
