// The PerfLens language server: LSP wiring only. Editor events go to the engine; its results come back
// as lenses, hovers, diagnostics and quick fixes. Works with any LSP client (VS Code, Neovim, ...).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DiagnosticSeverity,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeLens,
  type Command,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type Hover,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { innermostAt, locateFunctions } from './locate/locate';
import type { LocatedFunction, LocateResult, Position, Range } from './locate/types';
import type { SecurityFinding } from './analyze/security';
import {
  ClientCommand,
  DiagnosticCode,
  HistoryFunctionsRequest,
  HistoryRequest,
  RunRecordedNotification,
  RunStateNotification,
  ServerCommand,
  ShowHistoryNotification,
  TrustNotification,
  VersionSourceRequest,
  type BenchmarkSummary,
  type CommandResult,
  type CommandTarget,
  type HistoryFunctionEntry,
  type InitializationOptions,
} from './protocol';
import { Engine, type AnalyzeSettings, type BenchOutcome, type BenchSettings, type FileAnalysis, type FunctionStatus } from './engine';
import { formatNs } from './format';

// ---------------------------------------------------------------------------------------------
// Settings: pulled per resource with workspace/configuration, cached per URI, cleared on change.

/** The `perflens.*` settings the server reads for one file. Defaults match package.json. */
export interface PerfLensSettings {
  benchmark: { timeoutMs: number; heapMb: number; budgetMs: number; noiseThreshold: number };
  baseline: { label: string };
  llm: { enabled: boolean; baseUrl: string; model: string; timeoutMs: number };
  complexity: { cyclomaticThreshold: number; cognitiveThreshold: number };
  security: { enabled: boolean; objectInjection: 'off' | 'parameters' | 'all'; disabledRules: string[] };
  diagnostics: { rejectSeverity: 'warning' | 'error' };
  runOnSave: boolean;
}

/** Defaults of every server-side setting (package.json `contributes.configuration` shows the same). */
export const DEFAULT_SETTINGS: PerfLensSettings = {
  benchmark: { timeoutMs: 30_000, heapMb: 512, budgetMs: 2_000, noiseThreshold: 0.02 },
  baseline: { label: 'main' },
  llm: { enabled: false, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 20_000 },
  complexity: { cyclomaticThreshold: 10, cognitiveThreshold: 15 },
  security: { enabled: true, objectInjection: 'parameters', disabledRules: [] },
  diagnostics: { rejectSeverity: 'warning' },
  runOnSave: false,
};

/**
 * Merges what a client sent with the defaults, keeping only values of the right type: settings are
 * user-edited JSON, and a wrong type must fall back to the default rather than reach the engine.
 */
export function readSettings(raw: unknown): PerfLensSettings {
  const merge = <T>(defaults: T, value: unknown): T => {
    if (Array.isArray(defaults)) return (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : defaults) as T;
    if (typeof defaults === 'object' && defaults !== null) {
      const src = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      const out: Record<string, unknown> = {};
      for (const [k, d] of Object.entries(defaults)) out[k] = merge(d, src[k]);
      return out as T;
    }
    return (typeof value === typeof defaults && (typeof value !== 'number' || Number.isFinite(value)) ? value : defaults) as T;
  };
  const s = merge(DEFAULT_SETTINGS, raw);
  if (!['off', 'parameters', 'all'].includes(s.security.objectInjection)) s.security.objectInjection = 'parameters';
  if (s.diagnostics.rejectSeverity !== 'error') s.diagnostics.rejectSeverity = 'warning';
  return s;
}

// ---------------------------------------------------------------------------------------------
// Documents: kept here (not with TextDocuments) because lens anchors need the content changes.

/** What the server knows about one open document. */
interface DocState {
  doc: TextDocument;
  file: string;
  /**
   * Functions of the latest analysed version, their positions moved through every edit since, so lenses
   * and hovers never wait for a parse. When an edit leaves a half-typed statement and the parser loses
   * the enclosing function, the function keeps its (moved) entry: its lens does not jump or vanish.
   */
  fns?: LocatedFunction[];
  /** Security findings of the latest analysis at their moved positions. */
  findings: { at: Position; finding: SecurityFinding }[];
  /** Edits since the oldest analysis in flight, to move its results to the current text. */
  edits: { version: number; changes: TextDocumentContentChangeEvent[] }[];
  /** Resolves when the first analysis (or its early locate) came back. */
  located: Promise<void>;
  markLocated: () => void;
  /** Latest finished static analysis and the version it belongs to. */
  analysis?: { version: number; result: FileAnalysis };
  timer?: NodeJS.Timeout;
  /** The analysis in flight, so a burst of edits runs at most one at a time per document. */
  analyzing?: Promise<void>;
  /** True when edits arrived while an analysis ran: run once more afterwards. */
  dirty: boolean;
}

/** Moves `pos` through one content change: text after the change shifts by the lines and characters it added. */
export function shiftPosition(pos: Position, change: TextDocumentContentChangeEvent): Position {
  if (!('range' in change) || change.range === undefined) return pos;
  const { start, end } = change.range;
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  if (before(pos, start)) return pos;
  if (before(pos, end)) return { ...start };
  const lines = change.text.split('\n');
  const addedLines = lines.length - 1;
  const newEnd = { line: start.line + addedLines, character: (addedLines === 0 ? start.character : 0) + lines[lines.length - 1].length };
  if (pos.line === end.line) return { line: newEnd.line, character: newEnd.character + (pos.character - end.character) };
  return { line: pos.line + (newEnd.line - end.line), character: pos.character };
}

/** Moves a position through a sequence of changes, in order. */
function shiftThrough(pos: Position, changes: readonly TextDocumentContentChangeEvent[]): Position {
  let p = pos;
  for (const c of changes) p = shiftPosition(p, c);
  return p;
}

/** A located function with its ranges moved through `changes` (offsets are left as they were). */
function shiftFunction(fn: LocatedFunction, changes: readonly TextDocumentContentChangeEvent[]): LocatedFunction {
  const move = (r: Range): Range => ({ start: shiftThrough(r.start, changes), end: shiftThrough(r.end, changes) });
  return { ...fn, range: move(fn.range), nameRange: move(fn.nameRange) };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The innermost function whose range contains `pos`. */
function functionAtPosition(fns: readonly LocatedFunction[], pos: Position): LocatedFunction | undefined {
  let best: LocatedFunction | undefined;
  for (const fn of fns) {
    if (!contains(fn.range, pos)) continue;
    if (!best || before(best.range.start, fn.range.start)) best = fn;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Presentation: plain functions of the engine's data, so lenses and hovers are cheap and testable.

const signedPercent = (ratio: number): string => {
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
};

const VERDICT_MARK = { ACCEPT: '✓', REVIEW: '?', REJECT: '✗' } as const;

/**
 * What lenses, hovers and diagnostics show about a function's latest run: the engine's stored status in
 * display terms. `toRunView` is the one place that reads the engine's result shapes.
 */
export interface RunView {
  /** Content hash of the version that was measured (differs from the code's hash after an edit). */
  hash?: string;
  ok: boolean;
  error?: string;
  medianNs?: number;
  ci95Ns?: [number, number];
  samples?: number;
  allocatedBytesPerCall?: number;
  growthOrder?: string;
  change?: { ratio: number; ci95: [number, number]; pValue: number; classification: string; baselineLabel: string };
  verdict?: { recommendation: 'ACCEPT' | 'REVIEW' | 'REJECT'; score: number; source: 'llm' | 'rules'; reasoning: string; confidence: number };
}

/** The lens title of one function: `▶ Benchmark` before a run, else its figures and verdict. */
export function lensTitle(fn: LocatedFunction, run: RunView | undefined, cyclomatic: number | undefined): string {
  const cc = cyclomatic !== undefined ? `CC ${cyclomatic}` : undefined;
  if (!run) return ['▶ Benchmark', cc].filter(Boolean).join(' · ');
  if (!run.ok) return `⚠ Benchmark failed · ${firstLine(run.error ?? 'see hover')} · ▶ re-run`;
  const stale = run.hash !== undefined && run.hash !== fn.hash ? ' (before edit)' : '';
  const verdict = run.verdict ? `${VERDICT_MARK[run.verdict.recommendation]} ${run.verdict.recommendation}` : undefined;
  const change = run.change;
  if (change && change.classification !== 'unchanged') {
    const arrow = change.ratio > 1 ? '▲' : '▼';
    return [`${arrow} ${signedPercent(change.ratio)} vs ${change.baselineLabel}${stale}`, verdict].filter(Boolean).join(' · ');
  }
  const median = run.medianNs !== undefined ? formatNs(run.medianNs) : 'measured';
  const spread = run.ci95Ns && run.medianNs ? ` ±${(((run.ci95Ns[1] - run.ci95Ns[0]) / 2 / run.medianNs) * 100).toFixed(1)}%` : '';
  return [`${median}${spread}${stale}`, run.growthOrder, cc, verdict].filter(Boolean).join(' · ');
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** A `command:` link for a Markdown hover. */
function commandLink(label: string, command: string, arg: CommandTarget): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

// ---------------------------------------------------------------------------------------------
// Static analysis off the connection's thread: parsing and linting a large file takes seconds, and
// didChange, lenses and hovers must not queue behind it.

/** Runs static analysis for the server. */
interface Analyzer {
  /** Analyses `text`; `onLocated` gets the functions early (before complexity and lint) when given. */
  analyze(file: string, text: string, settings: AnalyzeSettings, onLocated?: (r: LocateResult) => void): Promise<FileAnalysis>;
  forget(file: string): void;
  dispose(): void;
}

/** Messages to the analysis worker. */
type ToWorker =
  | { kind: 'analyze'; id: number; file: string; text: string; settings: AnalyzeSettings; wantLocated: boolean }
  | { kind: 'forget'; file: string };

/** Messages from the analysis worker. */
type FromWorker =
  | { kind: 'located'; id: number; result: LocateResult }
  | { kind: 'analysis'; id: number; result: FileAnalysis }
  | { kind: 'failed'; id: number; error: string };

/** What the worker is started with. */
interface WorkerSetup {
  perflensRole: 'analysis';
  workspaceRoot?: string;
  dbPath?: string;
}

/** The server's own file next to this code: dist/server.js when bundled (also from dist/cli.js), server.ts from sources. */
function workerScript(): string | undefined {
  return ['server.js', 'server.ts'].map((name) => path.join(__dirname, name)).find((p) => existsSync(p));
}

/** Analysis in a worker thread; falls back to the in-process engine if the worker cannot run. */
class WorkerAnalyzer implements Analyzer {
  private worker?: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { message: ToWorker & { kind: 'analyze' }; resolve: (r: FileAnalysis) => void; reject: (e: Error) => void; onLocated?: (r: LocateResult) => void }>();

  constructor(
    private readonly fallback: () => Engine | undefined,
    setup: Omit<WorkerSetup, 'perflensRole'>,
    private readonly log: (line: string) => void,
  ) {
    const script = workerScript();
    if (!script) {
      log('analysis worker: server script not found; analysing on the main thread');
      return;
    }
    try {
      const data = { workerData: { perflensRole: 'analysis', ...setup } satisfies WorkerSetup };
      // From sources (tests, benches run through tsx) the worker needs tsx's require hook too.
      const worker = script.endsWith('.ts')
        ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { ...data, eval: true })
        : new Worker(script, data);
      worker.unref();
      worker.on('message', (m: FromWorker) => this.receive(m));
      worker.on('error', (err) => this.fail(`analysis worker failed: ${err.message}`));
      worker.on('exit', (code) => this.fail(`analysis worker exited (${code})`));
      this.worker = worker;
    } catch (err) {
      log(`analysis worker could not start (${errorText(err)}); analysing on the main thread`);
    }
  }

  analyze(file: string, text: string, settings: AnalyzeSettings, onLocated?: (r: LocateResult) => void): Promise<FileAnalysis> {
    if (!this.worker) {
      const engine = this.fallback();
      return engine ? engine.analyze(file, text, settings) : Promise.reject(new Error('no engine'));
    }
    const id = this.nextId++;
    const message: ToWorker = { kind: 'analyze', id, file, text, settings, wantLocated: onLocated !== undefined };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { message, resolve, reject, onLocated });
      this.worker!.postMessage(message);
    });
  }

  forget(file: string): void {
    if (this.worker) this.worker.postMessage({ kind: 'forget', file } satisfies ToWorker);
    else this.fallback()?.forget(file);
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private receive(m: FromWorker): void {
    const waiter = this.waiting.get(m.id);
    if (!waiter) return;
    if (m.kind === 'located') return waiter.onLocated?.(m.result);
    this.waiting.delete(m.id);
    if (m.kind === 'analysis') waiter.resolve(m.result);
    else waiter.reject(new Error(m.error));
  }

  private fail(message: string): void {
    if (!this.worker) return;
    this.log(`${message}; analysing on the main thread from now on`);
    this.worker = undefined;
    // Requests in flight are not lost: the in-process engine answers them.
    for (const w of this.waiting.values()) this.analyze(w.message.file, w.message.text, w.message.settings).then(w.resolve, w.reject);
    this.waiting.clear();
  }
}

/** The worker thread's side: one engine, requests handled in arrival order. */
function runAnalysisWorker(setup: WorkerSetup): void {
  const engine = new Engine({ workspaceRoot: setup.workspaceRoot, dbPath: setup.dbPath });
  const port = parentPort!;
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue.then(async () => {
      if (m.kind === 'forget') return engine.forget(m.file);
      try {
        if (m.wantLocated) port.postMessage({ kind: 'located', id: m.id, result: locateFunctions(m.file, m.text) } satisfies FromWorker);
        const result = await engine.analyze(m.file, m.text, m.settings);
        port.postMessage({ kind: 'analysis', id: m.id, result } satisfies FromWorker);
      } catch (err) {
        port.postMessage({ kind: 'failed', id: m.id, error: errorText(err) } satisfies FromWorker);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server.

/** Options for tests and embedders; `perflens lsp` uses the defaults. */
export interface ServerOptions {
  /** Builds the engine once the workspace root is known. */
  createEngine?: (opts: { workspaceRoot?: string; dbPath?: string; log: (line: string) => void }) => Engine;
  /** Delay between the last edit and re-analysis, in ms (default 300). */
  analysisDelayMs?: number;
  /** Analyse on the connection's thread instead of a worker (embedders without a server script). */
  inProcessAnalysis?: boolean;
}

/** How long after the last keystroke a file is re-analysed. */
const DEFAULT_ANALYSIS_DELAY_MS = 300;

/** Wires a connection to a PerfLens engine and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const docs = new Map<string, DocState>();
  const settingsCache = new Map<string, Promise<PerfLensSettings>>();
  const statusCache = new Map<string, Map<string, RunView>>();
  /** One run per function at a time; a second click on a running function is refused. */
  const running = new Map<string, AbortController>();
  const analysisDelay = options.analysisDelayMs ?? DEFAULT_ANALYSIS_DELAY_MS;
  let engine: Engine | undefined;
  let engineError: string | undefined;
  let analyzer: Analyzer = { analyze: () => Promise.reject(new Error('not initialised')), forget: () => undefined, dispose: () => undefined };
  let trusted = true;
  let clientCommands = false;
  let canPullConfig = false;
  let pushedSettings: unknown;
  let canRefreshLenses = false;
  let canCreateProgress = false;
  let lastSummary: BenchmarkSummary | undefined;

  const log = (line: string) => connection.console.log(line);
  const cmd = (name: keyof typeof ServerCommand) => (clientCommands ? ClientCommand[name] : ServerCommand[name]);

  connection.onInitialize((params) => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = init.trusted !== false;
    clientCommands = init.clientCommands === true;
    const caps = params.capabilities;
    canPullConfig = caps.workspace?.configuration === true;
    canRefreshLenses = caps.workspace?.codeLens?.refreshSupport === true;
    canCreateProgress = caps.window?.workDoneProgress === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const workspaceRoot = folder ? fileURLToPath(folder) : params.rootPath ?? undefined;
    const dbPath = init.dbPath || undefined;
    try {
      const create = options.createEngine ?? ((o) => new Engine(o));
      engine = create({ workspaceRoot, dbPath, log });
    } catch (err) {
      // A broken database or native module must not take lenses and analysis down with it silently.
      engineError = `PerfLens could not open its history (${dbPath ?? 'default location'}): ${errorText(err)}. Check "perflens.history.dbPath" or delete the file to start over.`;
    }
    analyzer = options.inProcessAnalysis
      ? { analyze: (f, t, s) => requireEngine().analyze(f, t, s), forget: (f) => engine?.forget(f), dispose: () => undefined }
      : new WorkerAnalyzer(() => engine, { workspaceRoot, dbPath }, log);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(ServerCommand) },
      },
      serverInfo: { name: 'perflens' },
    };
  });

  connection.onInitialized(() => {
    if (engineError) void connection.window.showErrorMessage(engineError);
  });

  connection.onDidChangeConfiguration(({ settings }) => {
    // Clients that cannot answer workspace/configuration (Neovim 0.7 does not announce it) push instead.
    pushedSettings = (settings as { perflens?: unknown } | null)?.perflens ?? pushedSettings;
    settingsCache.clear();
    for (const state of docs.values()) scheduleAnalysis(state, 0);
  });

  connection.onNotification(TrustNotification.type, ({ trusted: value }) => {
    trusted = value;
    refreshLenses();
  });

  connection.onShutdown(() => {
    for (const c of running.values()) c.abort();
    for (const state of docs.values()) clearTimeout(state.timer);
    analyzer.dispose();
    engine?.dispose();
  });

  function settingsFor(uri: string): Promise<PerfLensSettings> {
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = canPullConfig
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'perflens' }).then(readSettings, () => readSettings(undefined))
        : Promise.resolve(readSettings(pushedSettings));
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  // --- documents --------------------------------------------------------------------------

  connection.onDidOpenTextDocument(({ textDocument: td }) => {
    if (!td.uri.startsWith('file:')) return;
    let markLocated = () => undefined as void;
    const located = new Promise<void>((resolve) => (markLocated = resolve));
    const state: DocState = {
      doc: TextDocument.create(td.uri, td.languageId, td.version, td.text),
      file: fileURLToPath(td.uri),
      findings: [],
      edits: [],
      located,
      markLocated,
      dirty: false,
    };
    docs.set(td.uri, state);
    refreshStatus(state);
    scheduleAnalysis(state, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument: td, contentChanges }) => {
    const state = docs.get(td.uri);
    if (!state) return;
    // Only cheap work here: typing must never wait for parsing or analysis (both run in the worker).
    state.doc = TextDocument.update(state.doc, contentChanges, td.version);
    state.edits.push({ version: td.version, changes: contentChanges });
    if (state.fns) state.fns = state.fns.map((fn) => shiftFunction(fn, contentChanges));
    for (const f of state.findings) f.at = shiftThrough(f.at, contentChanges);
    scheduleAnalysis(state, analysisDelay);
  });

  connection.onDidCloseTextDocument(({ textDocument: td }) => {
    const state = docs.get(td.uri);
    if (state) clearTimeout(state.timer);
    docs.delete(td.uri);
    settingsCache.delete(td.uri);
    if (state) analyzer.forget(state.file);
    void connection.sendDiagnostics({ uri: td.uri, diagnostics: [] });
  });

  connection.onDidSaveTextDocument(async ({ textDocument: td }) => {
    const state = docs.get(td.uri);
    if (!state || !trusted || !(await settingsFor(td.uri)).runOnSave) return;
    // Only functions whose code changed since their last run: saving should not re-run the whole file.
    // Hashes come from the saved text itself: the last analysis may predate the latest keystrokes.
    const changed = locateFunctions(state.file, state.doc.getText()).functions.filter((fn) => {
      const s = statusCache.get(td.uri)?.get(fn.qualifiedName);
      return s?.hash !== undefined && s.hash !== fn.hash;
    });
    for (const fn of changed) await runBenchmark(state, fn.qualifiedName, {});
  });

  /** The document's functions at current positions; waits only for the very first locate of a file. */
  async function functionsOf(state: DocState): Promise<LocatedFunction[]> {
    if (!state.fns) await state.located;
    return state.fns ?? [];
  }

  /**
   * Takes a locate or analysis result of `version` as the document's functions: moves them through the
   * edits made since, and keeps (moved) the functions a syntax error hid from the parser.
   */
  function adopt(state: DocState, version: number, functions: LocatedFunction[], syntaxErrors: number): void {
    const since = state.edits.filter((e) => e.version > version).flatMap((e) => e.changes);
    let fns = since.length ? functions.map((fn) => shiftFunction(fn, since)) : functions;
    if (syntaxErrors > 0 && state.fns) {
      const found = new Set(fns.map((fn) => fn.qualifiedName));
      fns = [...fns, ...state.fns.filter((fn) => !found.has(fn.qualifiedName))].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : 1));
    }
    state.fns = fns;
    state.markLocated();
  }

  function refreshStatus(state: DocState): void {
    if (!engine) return;
    try {
      statusCache.set(state.doc.uri, new Map(engine.status(state.file).map((s) => [s.qualifiedName, toRunView(s)])));
    } catch (err) {
      log(`status of ${state.file} failed: ${errorText(err)}`);
    }
  }

  function refreshLenses(): void {
    if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  // --- analysis (debounced, in a worker thread, one at a time per document) ---------------------

  function scheduleAnalysis(state: DocState, delay: number): void {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (state.analyzing) {
        state.dirty = true;
        return;
      }
      state.analyzing = analyze(state).finally(() => {
        state.analyzing = undefined;
        if (state.dirty && docs.get(state.doc.uri) === state) {
          state.dirty = false;
          scheduleAnalysis(state, 0);
        }
      });
    }, delay);
  }

  async function analyze(state: DocState): Promise<void> {
    const { version } = state.doc;
    const settings = await settingsFor(state.doc.uri);
    try {
      const result = await analyzer.analyze(state.file, state.doc.getText(), analyzeSettings(settings), !state.fns ? (located) => {
        if (docs.get(state.doc.uri) === state && !state.fns) adopt(state, version, located.functions, located.syntaxErrors.length);
        refreshLenses();
      } : undefined);
      if (docs.get(state.doc.uri) !== state) return;
      state.analysis = { version, result };
      adopt(state, version, result.functions.map((f) => f.fn), result.syntaxErrors.length);
      const since = state.edits.filter((e) => e.version > version).flatMap((e) => e.changes);
      const all = [...result.functions.flatMap((f) => f.security), ...result.moduleSecurity];
      state.findings = all.map((finding) => ({ at: shiftThrough({ line: finding.line - 1, character: finding.column - 1 }, since), finding }));
      state.edits = state.edits.filter((e) => e.version > version);
    } catch (err) {
      log(`analysis of ${state.file} failed: ${errorText(err)}`);
      state.markLocated();
    }
    await publish(state);
    refreshLenses();
  }

  async function publish(state: DocState): Promise<void> {
    const settings = await settingsFor(state.doc.uri);
    await connection.sendDiagnostics({ uri: state.doc.uri, diagnostics: diagnosticsFor(state, settings) });
  }

  function diagnosticsFor(state: DocState, settings: PerfLensSettings): Diagnostic[] {
    const out: Diagnostic[] = [];
    const fns = state.fns ?? [];
    const complexity = new Map(state.analysis?.result.functions.map((f) => [f.fn.qualifiedName, f.complexity]) ?? []);
    for (const fn of fns) {
      const c = complexity.get(fn.qualifiedName);
      if (c && (c.cyclomatic > settings.complexity.cyclomaticThreshold || c.cognitive > settings.complexity.cognitiveThreshold)) {
        out.push({
          range: fn.nameRange,
          severity: DiagnosticSeverity.Information,
          source: 'perflens',
          code: DiagnosticCode.complexity,
          message: `${fn.qualifiedName} is complex: cyclomatic ${c.cyclomatic} (limit ${settings.complexity.cyclomaticThreshold}), cognitive ${c.cognitive} (limit ${settings.complexity.cognitiveThreshold}). Splitting it makes it easier to test and to benchmark.`,
        });
      }
      const s = statusCache.get(state.doc.uri)?.get(fn.qualifiedName);
      if (s?.verdict?.recommendation === 'REJECT') {
        const change = s.change ? ` is ${signedPercent(s.change.ratio)} vs ${s.change.baselineLabel} (p = ${s.change.pValue.toPrecision(2)})` : ' regressed';
        out.push({
          range: fn.nameRange,
          severity: settings.diagnostics.rejectSeverity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          source: 'perflens',
          code: DiagnosticCode.reject,
          message: `${fn.qualifiedName}${change}: REJECT (score ${s.verdict.score}, ${s.verdict.source}). ${s.verdict.reasoning}`,
          data: { qualifiedName: fn.qualifiedName },
        });
      }
    }
    if (settings.security.enabled) {
      for (const { at, finding: f } of state.findings) {
        out.push({
          range: { start: at, end: { line: at.line, character: Number.MAX_SAFE_INTEGER } },
          severity: f.severity === 'error' ? DiagnosticSeverity.Error : f.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
          source: 'perflens',
          code: DiagnosticCode.security,
          message: `${f.message} [${f.ruleId}]`,
          data: { ruleId: f.ruleId },
        });
      }
    }
    return out;
  }

  // --- lenses, hover, quick fixes --------------------------------------------------------------

  connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    const state = docs.get(textDocument.uri);
    if (!state) return [];
    const fns = await functionsOf(state);
    const cyclomatic = new Map(state.analysis?.result.functions.map((f) => [f.fn.qualifiedName, f.complexity?.cyclomatic]) ?? []);
    const statuses = statusCache.get(textDocument.uri);
    return fns.map((fn) => {
      const at: Range = { start: fn.range.start, end: fn.range.start };
      const target: CommandTarget = { uri: textDocument.uri, qualifiedName: fn.qualifiedName };
      let command: Command;
      if (!trusted) command = { title: '⊘ Benchmarks off: untrusted workspace', command: 'perflens.explainTrust' };
      else if (running.has(runKey(textDocument.uri, fn.qualifiedName))) command = { title: '◷ Benchmarking…', command: cmd('benchmark'), arguments: [target] };
      else command = { title: lensTitle(fn, statuses?.get(fn.qualifiedName), cyclomatic.get(fn.qualifiedName)), command: cmd('benchmark'), arguments: [target] };
      return { range: at, command };
    });
  });

  connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const state = docs.get(textDocument.uri);
    if (!state) return null;
    const fn = (await functionsOf(state)).find((f) => contains(f.nameRange, position));
    if (!fn) return null;
    const s = statusCache.get(textDocument.uri)?.get(fn.qualifiedName);
    const analysis = state.analysis?.result.functions.find((f) => f.fn.qualifiedName === fn.qualifiedName);
    const lines: string[] = [`**${fn.qualifiedName}** · PerfLens`, ''];
    const r = s;
    if (!r) lines.push('Not benchmarked yet.');
    else if (!r.ok) lines.push(`Last benchmark failed: ${r.error ?? 'unknown error'}`);
    else {
      const stale = r.hash !== undefined && r.hash !== fn.hash ? ' _(measured before your latest edit)_' : '';
      const ci = r.ci95Ns ? ` (95% CI ${formatNs(r.ci95Ns[0])} – ${formatNs(r.ci95Ns[1])})` : '';
      lines.push(`Median **${r.medianNs !== undefined ? formatNs(r.medianNs) : '?'}**${ci}${stale}`);
      const extra = [
        r.allocatedBytesPerCall !== undefined ? `${Math.round(r.allocatedBytesPerCall)} B allocated per call` : undefined,
        r.growthOrder ? `growth ${r.growthOrder}` : undefined,
        r.samples !== undefined ? `${r.samples} samples` : undefined,
      ].filter(Boolean);
      if (extra.length) lines.push('', extra.join(' · '));
    }
    if (s?.change) {
      const c = s.change;
      lines.push('', `vs **${c.baselineLabel}**: ${signedPercent(c.ratio)} (95% CI ${signedPercent(c.ci95[0])} … ${signedPercent(c.ci95[1])}, p = ${c.pValue.toPrecision(2)}) · ${c.classification}`);
    }
    if (s?.verdict) {
      const v = s.verdict;
      lines.push('', `${VERDICT_MARK[v.recommendation]} **${v.recommendation}** · score ${v.score} · ${v.source === 'llm' ? 'LLM' : 'rules'} · confidence ${v.confidence.toFixed(2)}`, '', v.reasoning);
    }
    if (analysis?.complexity) {
      const c = analysis.complexity;
      lines.push('', `Cyclomatic ${c.cyclomatic} · cognitive ${c.cognitive} · maintainability ${c.maintainability}`);
    }
    const target: CommandTarget = { uri: textDocument.uri, qualifiedName: fn.qualifiedName };
    const links = [commandLink('Re-run', cmd('benchmark'), target), commandLink('Set baseline', cmd('setBaseline'), target), commandLink('History', cmd('showHistory'), target)];
    lines.push('', trusted ? links.join(' · ') : links.slice(1).join(' · ') + ' · _benchmarks are off: the workspace is not trusted_');
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: fn.nameRange };
  });

  connection.onCodeAction(({ textDocument, context }): CodeAction[] => {
    const actions: CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'perflens' || d.code !== DiagnosticCode.reject) continue;
      const fns = docs.get(textDocument.uri)?.fns ?? [];
      const qualifiedName = (d.data as { qualifiedName?: string } | undefined)?.qualifiedName ?? functionAtPosition(fns, d.range.start)?.qualifiedName;
      if (!qualifiedName) continue;
      const target: CommandTarget = { uri: textDocument.uri, qualifiedName };
      actions.push(
        { title: 'Accept with a note…', kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: { title: 'Accept with a note…', command: cmd('acceptRegression'), arguments: [target] } },
        { title: 'Set as baseline', kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: 'Set as baseline', command: cmd('setBaseline'), arguments: [target] } },
      );
    }
    return actions;
  });

  // --- commands ---------------------------------------------------------------------------------

  connection.onExecuteCommand(async (params: ExecuteCommandParams, token: CancellationToken): Promise<CommandResult> => {
    const target = (params.arguments?.[0] ?? {}) as CommandTarget;
    try {
      switch (params.command) {
        case ServerCommand.benchmark:
        case ServerCommand.compare:
          return await benchmarkCommand(target, params, token, params.command === ServerCommand.compare);
        case ServerCommand.benchmarkFile:
          return await benchmarkFileCommand(target, params, token);
        case ServerCommand.setBaseline:
          return await baselineCommand(target, 'set');
        case ServerCommand.clearBaseline:
          return await baselineCommand(target, 'clear');
        case ServerCommand.acceptRegression:
          return await acceptCommand(target);
        case ServerCommand.showHistory:
          return showHistoryCommand(target);
        case ServerCommand.clearLlmCache: {
          const n = requireEngine().clearLlmCache();
          return { ok: true, message: `Cleared ${n} cached LLM verdict${n === 1 ? '' : 's'}.` };
        }
        default:
          return { ok: false, message: `PerfLens does not know the command "${params.command}".` };
      }
    } catch (err) {
      // Errors are values for the client: a failed command never becomes an LSP error the user cannot read.
      return { ok: false, message: errorText(err) };
    }
  });

  connection.onRequest(HistoryRequest.type, ({ uri, qualifiedName }) => requireEngine().history(fileOf(uri), qualifiedName) ?? null);

  // The history panel's picker and its diff against the baseline read the store directly: listing and
  // fetching stored source are plain lookups with no engine logic to share.
  connection.onRequest(HistoryFunctionsRequest.type, ({ uri }): HistoryFunctionEntry[] => {
    const eng = requireEngine();
    const store = eng.store();
    if (!store) return [];
    const root = eng.workspaceRoot ?? process.cwd();
    return store.listFunctions(uri ? fileOf(uri) : undefined).flatMap((f) => {
      const versions = store.listVersions(f.id);
      if (versions.length === 0) return [];
      const runs = versions.flatMap((v) => store.listRuns(v.id, 1)).map((r) => r.createdAt).sort();
      return [{ uri: pathToFileURL(path.join(root, f.file)).href, file: f.file, qualifiedName: f.qualifiedName, versionCount: versions.length, ...(runs.length ? { lastRun: runs[runs.length - 1] } : {}) }];
    });
  });

  connection.onRequest(VersionSourceRequest.type, ({ functionId, versionId }) => {
    const version = requireEngine().store()?.getVersion(versionId);
    return version && version.functionId === functionId ? { source: version.source } : null;
  });

  function requireEngine(): Engine {
    if (!engine) throw new Error(engineError ?? 'PerfLens has no engine: the server did not initialise.');
    return engine;
  }

  /**
   * The document and function a command is about. Commands are rare and deliberate, so this parses the
   * current text (a function typed a moment ago counts); a function hidden by a syntax error is still
   * found among the document's known functions.
   */
  function resolveTarget(target: CommandTarget): { state: DocState; fns: LocatedFunction[]; fn?: LocatedFunction } {
    if (!target.uri) throw new Error('This command needs a file: run it from an editor, or pass { uri, qualifiedName }.');
    const state = docs.get(target.uri);
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

  function refuseUntrusted(): CommandResult | undefined {
    if (trusted) return undefined;
    return { ok: false, message: 'Benchmarks are off because this workspace is not trusted: PerfLens would run its code. Trust the workspace to enable them; analysis keeps working.' };
  }

  async function benchmarkCommand(target: CommandTarget, params: ExecuteCommandParams, token: CancellationToken, compare: boolean): Promise<CommandResult> {
    const refused = refuseUntrusted();
    if (refused) return refused;
    const { state, fn } = resolveTarget(target);
    if (!fn) return { ok: false, message: target.qualifiedName ? `No function "${target.qualifiedName}" in ${path.basename(state.file)}: it was renamed or deleted.` : 'Put the cursor inside a function to benchmark it.' };
    const progress = await progressFor(params, `Benchmarking ${fn.qualifiedName}`);
    try {
      const summary = await runBenchmark(state, fn.qualifiedName, { token, progress });
      if (compare && summary.ok && summary.change === undefined) {
        return { ok: false, message: `${fn.qualifiedName} has no baseline "${(await settingsFor(state.doc.uri)).baseline.label}" to compare with: run "PerfLens: Set Baseline" first.`, results: [summary] };
      }
      return { ok: summary.ok, message: summaryMessage(summary), results: [summary] };
    } finally {
      progress?.done();
    }
  }

  async function benchmarkFileCommand(target: CommandTarget, params: ExecuteCommandParams, token: CancellationToken): Promise<CommandResult> {
    const refused = refuseUntrusted();
    if (refused) return refused;
    const { state, fns: all } = resolveTarget(target);
    const fns = all.filter((fn) => !fn.parent);
    if (fns.length === 0) return { ok: false, message: `${path.basename(state.file)} has no functions to benchmark.` };
    const progress = await progressFor(params, `Benchmarking ${fns.length} functions`);
    const results: BenchmarkSummary[] = [];
    try {
      for (const [i, fn] of fns.entries()) {
        if (token.isCancellationRequested || progress?.token?.isCancellationRequested) break;
        progress?.report(Math.round((i / fns.length) * 100), `${i + 1}/${fns.length} ${fn.qualifiedName}`);
        results.push(await runBenchmark(state, fn.qualifiedName, { token, progress: undefined, outer: progress }));
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

  /**
   * Progress for a long command: the client's token when it sent one (VS Code palette commands), else a
   * server-created one when the client supports it (lens clicks, Neovim), else none.
   */
  async function progressFor(params: ExecuteCommandParams, title: string): Promise<WorkDoneProgressReporter & { token?: CancellationToken } | undefined> {
    if (params.workDoneToken !== undefined) {
      const reporter = connection.window.attachWorkDoneProgress(params.workDoneToken);
      reporter.begin(title, 0, undefined, true);
      return reporter;
    }
    if (!canCreateProgress) return undefined;
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(title, 0, undefined, true);
    return reporter;
  }

  async function runBenchmark(
    state: DocState,
    qualifiedName: string,
    ctl: { token?: CancellationToken; progress?: WorkDoneProgressReporter & { token?: CancellationToken }; outer?: { token?: CancellationToken } },
  ): Promise<BenchmarkSummary> {
    const eng = requireEngine();
    const { uri } = state.doc;
    const key = runKey(uri, qualifiedName);
    if (running.has(key)) return { uri, qualifiedName, ok: false, title: '◷ Benchmarking…', error: `${qualifiedName} is already being benchmarked.` };
    const settings = await settingsFor(uri);
    const abort = new AbortController();
    running.set(key, abort);
    // Cancellation arrives as $/cancelRequest (request token) or window/workDoneProgress/cancel (progress token).
    const cancel = () => abort.abort();
    const subs = [ctl.token, ctl.progress?.token, ctl.outer?.token].filter((t): t is CancellationToken => !!t).map((t) => t.onCancellationRequested(cancel));
    refreshLenses();
    const notify = (phase: string, fraction?: number) => connection.sendNotification(RunStateNotification.type, { running: { uri, qualifiedName, phase, fraction }, last: lastSummary });
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
      refreshStatus(state);
      const fn = (state.fns ?? []).find((f) => f.qualifiedName === qualifiedName);
      const view = outcomeView(outcome, fn?.hash);
      // A failed run may not be stored: show it until the next one.
      if (!view.ok) statusCache.get(uri)?.set(qualifiedName, view);
      summary = {
        uri,
        qualifiedName,
        ok: view.ok,
        error: view.error,
        title: fn ? lensTitle(fn, view, undefined) : '',
        medianNs: view.medianNs,
        change: view.change ? view.change.ratio - 1 : undefined,
        baselineLabel: view.change?.baselineLabel,
        verdict: view.verdict && { recommendation: view.verdict.recommendation, score: view.verdict.score, source: view.verdict.source, reasoning: view.verdict.reasoning },
      };
      if (outcome.notice) {
        summary.notice = outcome.notice;
        log(`benchmark ${qualifiedName}: ${outcome.notice}`);
      }
    } catch (err) {
      // The engine rejects only when cancelled; anything else is a bug worth showing as it is.
      const error = abort.signal.aborted ? `Benchmark of ${qualifiedName} was cancelled.` : errorText(err);
      summary = { uri, qualifiedName, ok: false, title: '⚠ Benchmark failed', error };
    } finally {
      running.delete(key);
      subs.forEach((s) => s.dispose());
    }
    lastSummary = summary;
    if (summary.ok) void connection.sendNotification(RunRecordedNotification.type, { uri, qualifiedName });
    log(`benchmark ${path.basename(state.file)}#${qualifiedName}: ${summaryMessage(summary)}`);
    void connection.sendNotification(RunStateNotification.type, { last: summary });
    await publish(state);
    refreshLenses();
    return summary;
  }

  async function baselineCommand(target: CommandTarget, action: 'set' | 'clear'): Promise<CommandResult> {
    const eng = requireEngine();
    const label = target.label || (await settingsFor(target.uri ?? '')).baseline.label;
    const scope = target.scope ?? 'function';
    let where: { file: string; qualifiedName?: string } | { workspace: true };
    let what: string;
    if (scope === 'workspace') {
      where = { workspace: true };
      what = 'every function of the workspace';
    } else {
      const { state, fn } = resolveTarget(target);
      if (scope === 'function' && !fn) return { ok: false, message: 'Put the cursor inside a function, or choose the file or workspace scope.' };
      where = scope === 'function' && fn ? { file: state.file, qualifiedName: fn.qualifiedName } : { file: state.file };
      what = scope === 'function' && fn ? fn.qualifiedName : path.basename(state.file);
      // The engine baselines the text it last analysed (else the file on disk); this thread's engine has
      // not seen the editor's text (analysis runs in the worker), so show it the unsaved buffer first.
      if (action === 'set') await eng.analyze(state.file, state.doc.getText(), { typeCheck: false });
    }
    if (action === 'clear') {
      const n = await eng.clearBaseline(where, label);
      refreshAllStatus();
      return n > 0 ? { ok: true, message: `Cleared baseline "${label}" of ${what} (${n} function${n === 1 ? '' : 's'}).` } : { ok: false, message: `${what} has no baseline "${label}".` };
    }
    const result = await eng.setBaseline(where, label);
    refreshAllStatus();
    if (result.count === 0) {
      const available = result.missing?.available.length ? ` Functions found: ${result.missing.available.join(', ')}.` : '';
      return { ok: false, message: `No baseline set: ${what} has no function PerfLens can baseline.${available}` };
    }
    return { ok: true, message: `Set baseline "${label}" for ${what} (${result.count} function${result.count === 1 ? '' : 's'}).` };
  }

  async function acceptCommand(target: CommandTarget): Promise<CommandResult> {
    const { state, fn } = resolveTarget(target);
    if (!fn) return { ok: false, message: 'Put the cursor inside the function whose regression you accept.' };
    const note = target.note?.trim() || 'accepted from the editor';
    await requireEngine().acceptRegression(state.file, fn.qualifiedName, note);
    refreshStatus(state);
    await publish(state);
    refreshLenses();
    return { ok: true, message: `Accepted the slowdown of ${fn.qualifiedName}: "${note}".` };
  }

  function showHistoryCommand(target: CommandTarget): CommandResult {
    const { state, fn } = resolveTarget(target);
    if (!fn) return { ok: false, message: 'Put the cursor inside a function to see its history.' };
    const view = requireEngine().history(state.file, fn.qualifiedName);
    if (!view || view.versions.length === 0) return { ok: false, message: `${fn.qualifiedName} has no stored history yet: benchmark it first.` };
    void connection.sendNotification(ShowHistoryNotification.type, { uri: state.doc.uri, qualifiedName: fn.qualifiedName });
    return { ok: true, message: `${fn.qualifiedName}: ${view.versions.length} stored version${view.versions.length === 1 ? '' : 's'}.` };
  }

  function refreshAllStatus(): void {
    for (const state of docs.values()) {
      refreshStatus(state);
      void publish(state);
    }
    refreshLenses();
  }

  connection.listen();
}

// ---------------------------------------------------------------------------------------------
// Engine shapes -> what the editor shows. The only code that reads the engine's result types.

function toRunView(s: FunctionStatus): RunView {
  return { ...outcomeView(s, s.hash), hash: s.hash };
}

function outcomeView(o: BenchOutcome, hash: string | undefined): RunView {
  const r = o.result;
  const ok = r.status === 'ok' && r.timing !== null;
  return {
    hash,
    ok,
    error: ok ? undefined : r.error?.message ?? 'the benchmark failed',
    medianNs: r.timing?.medianNs,
    ci95Ns: r.timing?.ci95Ns,
    samples: r.timing?.samples,
    allocatedBytesPerCall: r.memory?.allocatedBytesPerCall,
    growthOrder: r.growth && r.growth.order !== 'not size-dependent' ? r.growth.order : undefined,
    change: o.change && { ratio: o.change.ratio, ci95: o.change.ci95, pValue: o.change.pValue, classification: o.change.classification, baselineLabel: o.change.baselineLabel },
    verdict: o.verdict && { recommendation: o.verdict.recommendation, score: o.verdict.score, source: o.verdict.source, reasoning: o.verdict.reasoning, confidence: o.verdict.confidence },
  };
}

// ---------------------------------------------------------------------------------------------
// Settings -> engine options.

function analyzeSettings(s: PerfLensSettings): AnalyzeSettings {
  return {
    security: { objectInjection: s.security.objectInjection, disabledRules: s.security.disabledRules },
    // The editor's own TypeScript service already reports type errors; checking them again here would
    // only cost time on every pause in typing.
    typeCheck: false,
  };
}

function benchSettings(s: PerfLensSettings): BenchSettings {
  return {
    // The sandbox child runs on the same Node as the server: the one `perflens.nodePath` chose.
    nodePath: process.execPath,
    timeoutMs: s.benchmark.timeoutMs,
    heapMb: s.benchmark.heapMb,
    budgetMs: s.benchmark.budgetMs,
    noiseThreshold: s.benchmark.noiseThreshold,
    baselineLabel: s.baseline.label,
    // The key never travels in settings: the VS Code client passes it from SecretStorage in the environment.
    llm: { ...s.llm, apiKey: process.env.PERFLENS_LLM_API_KEY || undefined },
  } as BenchSettings;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function runKey(uri: string, qualifiedName: string): string {
  return `${uri}#${qualifiedName}`;
}

function fileOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function contains(range: Range, pos: Position): boolean {
  const afterStart = pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function summaryMessage(s: BenchmarkSummary): string {
  if (!s.ok) return `${s.qualifiedName}: ${s.error ?? 'benchmark failed'}`;
  const parts = [`${s.qualifiedName}: ${s.medianNs !== undefined ? formatNs(s.medianNs) : 'done'}`];
  if (s.change !== undefined) parts.push(`${signedPercent(1 + s.change)} vs ${s.baselineLabel}`);
  if (s.verdict) parts.push(`${s.verdict.recommendation} (${s.verdict.source}, score ${s.verdict.score})`);
  if (s.notice) parts.push(`note: ${s.notice}`);
  return parts.join(' · ');
}

// Run as its own bundle (dist/server.js, which the VS Code client starts with --node-ipc) rather than
// imported by the CLI: the file-name test matters because inside dist/cli.js this code is also `module`.
if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.perflensRole === 'analysis') {
  runAnalysisWorker(workerData as WorkerSetup);
} else if (require.main === module && /[\\/]server\.[jt]s$/.test(require.main.filename)) {
  startServer(createConnection(ProposedFeatures.all));
}
