// The server's commands (workspace/executeCommand): benchmark, compare, baselines, accept, history.
// Each resolves its target in the open document, calls the engine, and answers with a message the user
// can act on; a failure is a value (ok: false), never an LSP error.
// Over 400 lines because it holds every command: each handler is short, and they share one target
// resolution, one trust check and one way of reporting; split per command, those would be passed around.
import * as path from 'node:path';
import {
  ClientCommand,
  RunClientCommandNotification,
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
import { innermostAt } from '../locate/locate';
import type { Runner } from './runWorker';
import type { LocatedFunction, LocateResult } from '../locate/types';
import { fileOf, functionAtPosition, type DocState } from './documents';
import type { FunctionStatus } from '../engine';
import { benchmarkSummary, runPercent, shownFor, summaryMessage, unreachedDiagnostics } from './present';
import { coverageText, errorText } from '../format';
import type { LineCostStore } from './lineCosts';
import { benchSettings, type PerfLensSettings } from './settings';

/** What the command handlers share with the rest of the server. */
export interface ServerContext {
  readonly connection: Connection;
  readonly docs: Map<string, DocState>;
  /** The stored runs of each document's functions (every version's latest), per document URI. */
  readonly statusCache: Map<string, FunctionStatus[]>;
  /** One run per function at a time (a second click on a running function is refused), with its progress. */
  readonly running: Map<string, RunningBenchmark>;
  readonly trusted: boolean;
  readonly canCreateProgress: boolean;
  /** The client wraps server commands in its own (VS Code): it can prompt, e.g. for an accept note. */
  readonly clientCommands: boolean;
  lastSummary: BenchmarkSummary | undefined;
  settingsFor(uri: string): Promise<PerfLensSettings>;
  requireEngine(): Engine;
  /** Benchmarks and baselines, in the run worker (their planning parses and type-checks). */
  readonly runner: Runner;
  /** Parses `text` for its functions in the analysis worker (never on the connection thread). */
  locate(file: string, text: string): Promise<LocateResult>;
  log(line: string): void;
  refreshStatus(state: DocState): void;
  refreshAllStatus(): void;
  refreshLenses(): void;
  publish(state: DocState): Promise<void>;
  /** Per-line costs of the latest runs, for inlay hints and line hovers. */
  readonly lineCosts: LineCostStore;
  refreshInlayHints(): void;
}

/** A benchmark in flight: how to stop it, and how far it got (the lens shows it). */
export interface RunningBenchmark {
  abort: AbortController;
  /** 0–100, never going back within the run. */
  percent: number;
}

/** The key of a function in `running`. */
export function runKey(uri: string, qualifiedName: string): string {
  return `${uri}#${qualifiedName}`;
}

/** Runs one workspace/executeCommand. */
export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams, token: CancellationToken): Promise<CommandResult> {
  const target = (params.arguments?.[0] ?? {}) as CommandTarget;
  switch (params.command) {
    case ServerCommand.benchmark:
    case ServerCommand.compare:
    case ServerCommand.benchmarkFile:
      // Benchmarks report each run themselves (one log line per function, a message per the setting).
      return runCommand(ctx, params, target, token).catch((err: unknown) => reported(ctx, target, { ok: false, message: errorText(err) }));
    default:
      return reported(ctx, target, await attempt(() => runCommand(ctx, params, target, token)));
  }
}

async function runCommand(ctx: ServerContext, params: ExecuteCommandParams, target: CommandTarget, token: CancellationToken): Promise<CommandResult> {
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
    case ServerCommand.toggleUnreachedLines:
      return await toggleUnreachedCommand(ctx, target);
    case ServerCommand.toggleLineCosts: {
      ctx.lineCosts.enabled = !ctx.lineCosts.enabled;
      ctx.refreshInlayHints();
      return { ok: true, message: ctx.lineCosts.enabled ? 'Line costs shown: hot lines of benchmarked functions get their share of the time.' : 'Line costs hidden.' };
    }
    case ServerCommand.clearLlmCache: {
      const n = ctx.requireEngine().clearLlmCache();
      return { ok: true, message: `Cleared ${n} cached LLM verdict${n === 1 ? '' : 's'}.` };
    }
    default:
      return { ok: false, message: `PerfLens does not know the command "${params.command}".` };
  }
}

// --- telling the user ----------------------------------------------------------------------------
// Quiet by default: every result is one log line at its level; a message pops up only for an error or a
// decision (a REJECT, with its fixes), or for everything with `perflens.notifications: all`, or never with `none`.

/** Logs a non-benchmark command's result once and shows it as the setting says; returns it unchanged. */
async function reported(ctx: ServerContext, target: CommandTarget, result: CommandResult): Promise<CommandResult> {
  // Errors are values for the client: a failed command never becomes an LSP error the user cannot read.
  const level = (await ctx.settingsFor(target.uri ?? '')).notifications;
  if (result.ok) {
    ctx.connection.console.info(result.message);
    if (level === 'all') void ctx.connection.window.showInformationMessage(result.message);
  } else {
    ctx.connection.console.warn(result.message);
    if (level !== 'none') void ctx.connection.window.showErrorMessage(result.message);
  }
  return result;
}

/** One log line for a finished benchmark: failures at warn, a REJECT at warn, the rest at info. */
function logRun(ctx: ServerContext, file: string, summary: BenchmarkSummary): void {
  const line = `benchmark ${path.basename(file)}#${summary.qualifiedName}: ${summaryMessage(summary)}`;
  if (summary.cancelled) ctx.connection.console.info(line);
  else if (!summary.ok || summary.verdict?.recommendation === 'REJECT') ctx.connection.console.warn(line);
  else ctx.connection.console.info(line);
}

/** Shows a finished benchmark as the setting says: an error, a REJECT with its fixes, or (all) a success. */
export async function announceRun(ctx: ServerContext, summary: BenchmarkSummary, message = summaryMessage(summary)): Promise<void> {
  const level = (await ctx.settingsFor(summary.uri)).notifications;
  if (level === 'none' || summary.cancelled) return;
  const { window } = ctx.connection;
  if (!summary.ok) {
    void window.showErrorMessage(message);
    return;
  }
  if (summary.verdict?.recommendation !== 'REJECT') {
    if (level === 'all') void window.showInformationMessage(message);
    return;
  }
  void offerRejectFixes(ctx, summary, message);
}

/** The fixes a REJECT message offers; "Accept with a note…" needs the client's input box. */
const REJECT_ACTIONS = { accept: 'Accept with a note…', acceptPlain: 'Accept', baseline: 'Set as baseline', history: 'Show history' } as const;

async function offerRejectFixes(ctx: ServerContext, summary: BenchmarkSummary, message: string): Promise<void> {
  const target: CommandTarget = { uri: summary.uri, qualifiedName: summary.qualifiedName };
  const actions = [ctx.clientCommands ? REJECT_ACTIONS.accept : REJECT_ACTIONS.acceptPlain, REJECT_ACTIONS.baseline, REJECT_ACTIONS.history];
  const picked = await ctx.connection.window.showWarningMessage(message, ...actions.map((title) => ({ title }))).catch(() => undefined);
  switch (picked?.title) {
    case REJECT_ACTIONS.accept:
      void ctx.connection.sendNotification(RunClientCommandNotification.type, { command: ClientCommand.acceptRegression, arguments: [target] });
      return;
    case REJECT_ACTIONS.acceptPlain:
      await reported(ctx, target, await attempt(() => acceptCommand(ctx, target)));
      return;
    case REJECT_ACTIONS.baseline:
      await reported(ctx, target, await attempt(() => baselineCommand(ctx, { ...target, scope: 'function' }, 'set')));
      return;
    case REJECT_ACTIONS.history:
      await reported(ctx, target, await attempt(() => showHistoryCommand(ctx, target)));
  }
}

/** A command's result, with a thrown error turned into a failed result. */
async function attempt(run: () => CommandResult | Promise<CommandResult>): Promise<CommandResult> {
  try {
    return await run();
  } catch (err) {
    return { ok: false, message: errorText(err) };
  }
}

/**
 * After accept or a baseline change, the status bar's "last run" must show what the lens now shows
 * (not the REJECT that was just accepted): re-derive it from the refreshed status and send it.
 */
function refreshLastSummary(ctx: ServerContext): void {
  const last = ctx.lastSummary;
  if (!last) return;
  const state = ctx.docs.get(last.uri);
  const fn = state?.fns?.find((f) => f.qualifiedName === last.qualifiedName);
  if (!fn) return;
  const shown = shownFor(ctx.statusCache.get(last.uri), fn);
  if (!shown) return;
  const cyclomatic = state?.analysis?.result.functions.find((f) => f.fn.qualifiedName === fn.qualifiedName)?.complexity.cyclomatic;
  ctx.lastSummary = { ...benchmarkSummary(last.uri, last.qualifiedName, fn, shown.status, cyclomatic), ...(last.notice ? { notice: last.notice } : {}) };
  void ctx.connection.sendNotification(RunStateNotification.type, { last: ctx.lastSummary });
}

/**
 * The document and function a command is about. The current text is parsed in the analysis worker (a
 * function typed a moment ago counts); a function hidden by a syntax error is still found among the
 * document's known functions.
 */
async function resolveTarget(ctx: ServerContext, target: CommandTarget): Promise<{ state: DocState; fns: LocatedFunction[]; fn?: LocatedFunction }> {
  if (!target.uri) throw new Error('This command needs a file: run it from an editor, or pass { uri, qualifiedName }.');
  const state = ctx.docs.get(target.uri);
  if (!state) throw new Error(`${fileOf(target.uri)} is not open: open it in the editor first.`);
  const fresh = await ctx.locate(state.file, state.doc.getText());
  const known = state.fns ?? [];
  const fns = fresh.syntaxErrors.length ? [...fresh.functions, ...known.filter((k) => !fresh.functions.some((f) => f.qualifiedName === k.qualifiedName))] : fresh.functions;
  const fn = target.qualifiedName
    ? fns.find((f) => f.qualifiedName === target.qualifiedName)
    : target.position
      ? innermostAt(fresh.functions, state.doc.offsetAt(target.position)) ?? functionAtPosition(known, target.position)
      : undefined;
  return { state, fns, fn };
}

function refuseUntrusted(ctx: ServerContext, what: 'run' | 'write' = 'run'): CommandResult | undefined {
  if (ctx.trusted) return undefined;
  if (what === 'write') {
    // Restricted Mode: PerfLens writes nothing into the workspace, and baselines and accepts live in its history.
    return { ok: false, message: 'Baselines are off because this workspace is not trusted: PerfLens writes nothing into it in Restricted Mode. Trust the workspace to enable them; analysis keeps working.' };
  }
  return { ok: false, message: 'Benchmarks are off because this workspace is not trusted: PerfLens would run its code. Trust the workspace to enable them; analysis keeps working.' };
}

async function benchmarkCommand(ctx: ServerContext, target: CommandTarget, params: ExecuteCommandParams, token: CancellationToken, compare: boolean): Promise<CommandResult> {
  const refused = refuseUntrusted(ctx);
  if (refused) return refused;
  const { state, fn } = await resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: target.qualifiedName ? `No function "${target.qualifiedName}" in ${path.basename(state.file)}: it was renamed or deleted.` : 'Put the cursor inside a function to benchmark it.' };
  const progress = await progressFor(ctx, params, `Benchmarking ${fn.qualifiedName}`);
  try {
    const summary = await runBenchmark(ctx, state, fn.qualifiedName, { token, progress });
    if (compare && summary.ok && summary.change === undefined) {
      const message = `${fn.qualifiedName} has no baseline "${(await ctx.settingsFor(state.doc.uri)).baseline.label}" to compare with: run "PerfLens: Set Baseline" first.`;
      ctx.connection.console.warn(message);
      await announceRun(ctx, { ...summary, ok: false }, message);
      return { ok: false, message, results: [summary] };
    }
    await announceRun(ctx, summary);
    return { ok: summary.ok, message: summaryMessage(summary), results: [summary] };
  } finally {
    progress?.done();
  }
}

async function benchmarkFileCommand(ctx: ServerContext, target: CommandTarget, params: ExecuteCommandParams, token: CancellationToken): Promise<CommandResult> {
  const refused = refuseUntrusted(ctx);
  if (refused) return refused;
  const { state, fns: all } = await resolveTarget(ctx, target);
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
  const failed = results.filter((r) => !r.ok && !r.cancelled).length;
  const rejected = results.filter((r) => r.verdict?.recommendation === 'REJECT').length;
  const message = `Benchmarked ${results.length} of ${fns.length} functions in ${path.basename(state.file)}: ${failed} failed, ${rejected} rejected.`;
  // Each function was logged as it finished; the file gets one message at most.
  const level = (await ctx.settingsFor(state.doc.uri)).notifications;
  if (level !== 'none' && failed > 0) void ctx.connection.window.showErrorMessage(message);
  else if (level !== 'none' && rejected > 0) void ctx.connection.window.showWarningMessage(message);
  else if (level === 'all') void ctx.connection.window.showInformationMessage(message);
  return { ok: failed === 0, message, results };
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
  ctx.requireEngine(); // a history that cannot open is said once, before the run
  const { uri } = state.doc;
  const key = runKey(uri, qualifiedName);
  if (ctx.running.has(key)) return { uri, qualifiedName, ok: false, title: '◷ Benchmarking…', error: `${qualifiedName} is already being benchmarked.` };
  const settings = await ctx.settingsFor(uri);
  const abort = new AbortController();
  const entry: RunningBenchmark = { abort, percent: 0 };
  ctx.running.set(key, entry);
  // Cancellation arrives as $/cancelRequest (request token) or window/workDoneProgress/cancel (progress token).
  const cancel = () => abort.abort();
  const subs = [ctl.token, ctl.progress?.token, ctl.outer?.token].filter((t): t is CancellationToken => !!t).map((t) => t.onCancellationRequested(cancel));
  ctx.refreshLenses();
  const notify = (phase: string, fraction?: number) => connection.sendNotification(RunStateNotification.type, { running: { uri, qualifiedName, phase, fraction }, last: ctx.lastSummary });
  void notify('starting', 0);
  const percent = runPercent();
  let summary: BenchmarkSummary;
  try {
    const outcome = await ctx.runner.benchmark(state.file, state.doc.getText(), qualifiedName, benchSettings(settings), {
      signal: abort.signal,
      onProgress: (p) => {
        // One percentage for the whole run: the engine's phases each count from 0 again.
        const pct = percent(p);
        ctl.progress?.report(pct, p.phase);
        void notify(p.phase, pct / 100);
        // The lens follows in steps of 10 points: a refresh per report would make every lens redraw.
        if (Math.floor(pct / 10) > Math.floor(entry.percent / 10)) {
          entry.percent = pct;
          ctx.refreshLenses();
        } else entry.percent = pct;
      },
    });
    ctx.refreshStatus(state);
    // Without a history the run is kept here, so the lens still shows it until the next one.
    if (!outcome.recorded) ctx.statusCache.set(uri, [outcome.status, ...(ctx.statusCache.get(uri) ?? [])]);
    ctx.lineCosts.record(state, qualifiedName, outcome.lineCosts);
    ctx.refreshInlayHints();
    const fn = (state.fns ?? []).find((f) => f.qualifiedName === qualifiedName);
    const cyclomatic = state.analysis?.result.functions.find((f) => f.fn.qualifiedName === qualifiedName)?.complexity.cyclomatic;
    summary = benchmarkSummary(uri, qualifiedName, fn, outcome.status, cyclomatic);
    if (outcome.notice) summary.notice = outcome.notice;
  } catch (err) {
    // The engine rejects only when cancelled; anything else is a bug worth showing as it is.
    summary = abort.signal.aborted
      ? { uri, qualifiedName, ok: false, cancelled: true, title: '', error: `Benchmark of ${qualifiedName} was cancelled.` }
      : { uri, qualifiedName, ok: false, title: '⚠ Benchmark failed', error: errorText(err) };
  } finally {
    ctx.running.delete(key);
    subs.forEach((s) => s.dispose());
  }
  // A cancelled run leaves the previous result in place, in the status bar as on the lens.
  if (!summary.cancelled) ctx.lastSummary = summary;
  if (summary.ok) void connection.sendNotification(RunRecordedNotification.type, { uri, qualifiedName });
  logRun(ctx, state.file, summary);
  void connection.sendNotification(RunStateNotification.type, { last: ctx.lastSummary });
  await ctx.publish(state);
  ctx.refreshLenses();
  return summary;
}

async function baselineCommand(ctx: ServerContext, target: CommandTarget, action: 'set' | 'clear'): Promise<CommandResult> {
  const refused = refuseUntrusted(ctx, 'write');
  if (refused) return refused;
  const eng = ctx.requireEngine();
  const label = target.label || (await ctx.settingsFor(target.uri ?? '')).baseline.label;
  const scope = target.scope ?? 'function';
  let where: { file: string; qualifiedName?: string } | { workspace: true };
  let what: string;
  let buffer: { file: string; text: string } | undefined;
  if (scope === 'workspace') {
    where = { workspace: true };
    what = 'every function of the workspace';
  } else {
    const { state, fn } = await resolveTarget(ctx, target);
    if (scope === 'function' && !fn) return { ok: false, message: 'Put the cursor inside a function, or choose the file or workspace scope.' };
    where = scope === 'function' && fn ? { file: state.file, qualifiedName: fn.qualifiedName } : { file: state.file };
    what = scope === 'function' && fn ? fn.qualifiedName : path.basename(state.file);
    // The unsaved buffer is what the user baselines, not the file on disk.
    if (action === 'set') buffer = { file: state.file, text: state.doc.getText() };
  }
  if (action === 'clear') {
    const n = await eng.clearBaseline(where, label);
    ctx.refreshAllStatus();
    refreshLastSummary(ctx);
    return n > 0 ? { ok: true, message: `Cleared baseline "${label}" of ${what} (${n} function${n === 1 ? '' : 's'}).` } : { ok: false, message: `${what} has no baseline "${label}".` };
  }
  const result = await ctx.runner.setBaseline(where, label, buffer);
  ctx.refreshAllStatus();
  refreshLastSummary(ctx);
  if (result.count === 0) {
    const available = result.missing?.available.length ? ` Functions found: ${result.missing.available.join(', ')}.` : '';
    return { ok: false, message: `No baseline set: ${what} has no function PerfLens can baseline.${available}` };
  }
  return { ok: true, message: `Set baseline "${label}" for ${what} (${result.count} function${result.count === 1 ? '' : 's'}).` };
}

async function acceptCommand(ctx: ServerContext, target: CommandTarget): Promise<CommandResult> {
  const refused = refuseUntrusted(ctx, 'write');
  if (refused) return refused;
  const { state, fn } = await resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: 'Put the cursor inside the function whose regression you accept.' };
  const note = target.note?.trim() || 'accepted from the editor';
  await ctx.requireEngine().acceptRegression(state.file, fn.qualifiedName, note, fn.hash);
  ctx.refreshStatus(state);
  refreshLastSummary(ctx);
  await ctx.publish(state);
  ctx.refreshLenses();
  return { ok: true, message: `Accepted the slowdown of ${fn.qualifiedName}: "${note}".` };
}

async function showHistoryCommand(ctx: ServerContext, target: CommandTarget): Promise<CommandResult> {
  const { state, fn } = await resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: 'Put the cursor inside a function to see its history.' };
  const view = ctx.requireEngine().history(state.file, fn.qualifiedName);
  if (!view || view.versions.length === 0) return { ok: false, message: `${fn.qualifiedName} has no stored history yet: benchmark it first.` };
  void ctx.connection.sendNotification(ShowHistoryNotification.type, { uri: state.doc.uri, qualifiedName: fn.qualifiedName });
  return { ok: true, message: `${fn.qualifiedName}: ${view.versions.length} stored version${view.versions.length === 1 ? '' : 's'}.` };
}

/** Shows or hides, as faded hints, the lines of a function that its latest benchmark's inputs never ran. */
async function toggleUnreachedCommand(ctx: ServerContext, target: CommandTarget): Promise<CommandResult> {
  const { state, fn } = await resolveTarget(ctx, target);
  if (!fn) return { ok: false, message: 'Put the cursor inside a benchmarked function to see the lines its inputs never ran.' };
  const shown = shownFor(ctx.statusCache.get(state.doc.uri), fn);
  const on = (state.showUnreached ??= new Set());
  if (on.delete(fn.qualifiedName)) {
    await ctx.publish(state);
    return { ok: true, message: `Hid the never-run lines of ${fn.qualifiedName}.` };
  }
  const coverage = shown?.status.run.ok ? shown.status.run.detail?.coverage : undefined;
  if (!shown || !coverage) {
    const why = !shown ? 'benchmark it first' : 'its latest run has no coverage (measured only where the sandbox has OS isolation: see docs/security.md)';
    return { ok: false, message: `${fn.qualifiedName} has no coverage to show: ${why}.` };
  }
  if (shown.stale) return { ok: false, message: `${fn.qualifiedName} changed since its latest benchmark: run it again to see which lines its inputs reach.` };
  const n = unreachedDiagnostics(fn, shown).length;
  if (n === 0) return { ok: true, message: `The inputs of ${fn.qualifiedName} ran every line (${coverageText(coverage)}).` };
  on.add(fn.qualifiedName);
  await ctx.publish(state);
  return { ok: true, message: `${fn.qualifiedName}: ${n} line${n === 1 ? '' : 's'} no input ran, shown faded; run the command again to hide them.` };
}

