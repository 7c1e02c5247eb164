// The PerfLens language server: capabilities and handler registration only. Editor events go to the
// engine (analysis through the worker, commands through commands.ts); what comes back is turned into
// lenses, hovers and diagnostics by present.ts. Works with any LSP client (VS Code, Neovim, ...).
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type Command,
  type Connection,
  type Hover,
  type InlayHint,
} from 'vscode-languageserver/node';
import { locateFunctions } from '../locate/locate';
import { guardParentProcess, onCancelSignal } from '../processGuard';
import type { LocatedFunction, Range } from '../locate/types';
import {
  ClientCommand,
  DiagnosticCode,
  HistoryFunctionsRequest,
  HistoryRequest,
  LineCostsRequest,
  ServerCommand,
  TrustNotification,
  VersionSourceRequest,
  type CommandTarget,
  type InitializationOptions,
} from '../protocol';
import { Engine, type FunctionStatus } from '../engine';
import { WorkerAnalyzer, type Analyzer } from './analysisWorker';
import { inProcessRunner, WorkerRunner, type Runner } from './runWorker';
import { errorText } from '../format';
import { announceRun, executeCommand, runBenchmark, runKey, type RunningBenchmark, type ServerContext } from './commands';
import { adopt, applyChanges, changesSince, contains, fileOf, functionAtPosition, openDocument, shiftThrough, type DocState } from './documents';
import { diagnosticsFor, hoverFor, lensTitle, shownFor } from './present';
import { LineCostStore } from './lineCosts';
import { analyzeSettings, SettingsSource } from './settings';

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
  const settings = new SettingsSource(connection);
  const statusCache = new Map<string, FunctionStatus[]>();
  const running = new Map<string, RunningBenchmark>();
  const analysisDelay = options.analysisDelayMs ?? DEFAULT_ANALYSIS_DELAY_MS;
  let engine: Engine | undefined;
  let engineError: string | undefined;
  const notInitialised = () => Promise.reject(new Error('not initialised'));
  let analyzer: Analyzer = { analyze: notInitialised, locate: notInitialised, forget: () => undefined, dispose: () => undefined };
  let runner: Runner = { benchmark: notInitialised, setBaseline: notInitialised, prepare: () => undefined, dispose: () => undefined };
  let trusted = true;
  let clientCommands = false;
  let canRefreshLenses = false;
  let canCreateProgress = false;
  let canRefreshInlayHints = false;
  const lineCosts = new LineCostStore();

  const log = (line: string) => connection.console.log(line);
  const cmd = (name: keyof typeof ServerCommand) => (clientCommands ? ClientCommand[name] : ServerCommand[name]);

  const ctx: ServerContext = {
    connection,
    docs,
    statusCache,
    running,
    get trusted() {
      return trusted;
    },
    get canCreateProgress() {
      return canCreateProgress;
    },
    get clientCommands() {
      return clientCommands;
    },
    lastSummary: undefined,
    settingsFor: (uri) => settings.for(uri),
    requireEngine,
    locate: (file, text) => analyzer.locate(file, text),
    get runner() {
      return runner;
    },
    log,
    refreshStatus,
    refreshAllStatus,
    refreshLenses,
    publish,
    lineCosts,
    refreshInlayHints,
  };

  connection.onInitialize((params) => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = init.trusted !== false;
    clientCommands = init.clientCommands === true;
    const caps = params.capabilities;
    settings.canPull = caps.workspace?.configuration === true;
    canRefreshLenses = caps.workspace?.codeLens?.refreshSupport === true;
    canCreateProgress = caps.window?.workDoneProgress === true && init.runStateProgress !== true;
    canRefreshInlayHints = caps.workspace?.inlayHint?.refreshSupport === true;
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
    // In-process analysis (tests only) parses on this thread; the worker keeps it off the connection's.
    analyzer = options.inProcessAnalysis
      ? { analyze: (f, t, s) => requireEngine().analyze(f, t, s), locate: async (f, t) => locateFunctions(f, t), forget: (f) => engine?.forget(f), dispose: () => undefined }
      : new WorkerAnalyzer(() => engine, { workspaceRoot, dbPath }, log);
    runner = options.inProcessAnalysis ? inProcessRunner(requireEngine) : new WorkerRunner(requireEngine, { workspaceRoot, dbPath }, log);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        inlayHintProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(ServerCommand) },
      },
      serverInfo: { name: 'perflens' },
    };
  });

  connection.onInitialized(() => {
    if (engineError) void connection.window.showErrorMessage(engineError);
  });

  connection.onDidChangeConfiguration(({ settings: pushed }) => {
    settings.changed(pushed);
    for (const state of docs.values()) scheduleAnalysis(state, 0);
  });

  connection.onNotification(TrustNotification.type, ({ trusted: value }) => {
    trusted = value;
    refreshLenses();
  });

  connection.onShutdown(() => {
    for (const r of running.values()) r.abort.abort();
    for (const state of docs.values()) clearTimeout(state.timer);
    analyzer.dispose();
    runner.dispose();
    engine?.dispose();
  });

  // --- documents --------------------------------------------------------------------------

  connection.onDidOpenTextDocument(({ textDocument: td }) => {
    if (!td.uri.startsWith('file:')) return;
    const state = openDocument(td);
    docs.set(td.uri, state);
    refreshStatus(state);
    scheduleAnalysis(state, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument: td, contentChanges }) => {
    const state = docs.get(td.uri);
    if (!state) return;
    // Only cheap work here: typing must never wait for parsing or analysis (both run in the worker).
    applyChanges(state, td.version, contentChanges);
    scheduleAnalysis(state, analysisDelay);
  });

  connection.onDidCloseTextDocument(({ textDocument: td }) => {
    const state = docs.get(td.uri);
    if (state) clearTimeout(state.timer);
    docs.delete(td.uri);
    lineCosts.forget(td.uri);
    settings.forget(td.uri);
    if (state) analyzer.forget(state.file);
    void connection.sendDiagnostics({ uri: td.uri, diagnostics: [] });
  });

  connection.onDidSaveTextDocument(async ({ textDocument: td }) => {
    const state = docs.get(td.uri);
    if (!state || !trusted || !(await settings.for(td.uri)).runOnSave) return;
    // Only functions whose code changed since their last run: saving should not re-run the whole file.
    // Hashes come from the saved text itself: the last analysis may predate the latest keystrokes.
    const changed = (await analyzer.locate(state.file, state.doc.getText())).functions.filter((fn) => shownFor(statusCache.get(td.uri), fn)?.stale === true);
    for (const fn of changed) await announceRun(ctx, await runBenchmark(ctx, state, fn.qualifiedName, {}));
  });

  /** The document's functions at current positions; waits only for the very first locate of a file. */
  async function functionsOf(state: DocState): Promise<LocatedFunction[]> {
    if (!state.fns) await state.located;
    return state.fns ?? [];
  }

  function refreshStatus(state: DocState): void {
    if (!engine) return;
    try {
      statusCache.set(state.doc.uri, engine.status(state.file));
    } catch (err) {
      log(`status of ${state.file} failed: ${errorText(err)}`);
    }
  }

  function refreshAllStatus(): void {
    for (const state of docs.values()) {
      refreshStatus(state);
      void publish(state);
    }
    refreshLenses();
  }

  function refreshInlayHints(): void {
    if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
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
    const s = await settings.for(state.doc.uri);
    try {
      const result = await analyzer.analyze(state.file, state.doc.getText(), analyzeSettings(s), !state.fns ? (located) => {
        if (docs.get(state.doc.uri) === state && !state.fns) adopt(state, version, located.functions, located.syntaxErrors.length);
        refreshLenses();
      } : undefined);
      if (docs.get(state.doc.uri) !== state) return;
      state.analysis = { version, result };
      adopt(state, version, result.functions.map((f) => f.fn), result.syntaxErrors.length);
      const since = changesSince(state, version);
      const all = [...result.functions.flatMap((f) => f.security), ...result.moduleSecurity];
      state.findings = all.map((finding) => ({ at: shiftThrough({ line: finding.line - 1, character: finding.column - 1 }, since), finding }));
      state.edits = state.edits.filter((e) => e.version > version);
    } catch (err) {
      log(`analysis of ${state.file} failed: ${errorText(err)}`);
      state.markLocated();
    }
    await publish(state);
    refreshLenses();
    // The first lenses are out: now the run worker may load, ahead of a first click (only where runs are allowed).
    if (trusted) runner.prepare();
  }

  async function publish(state: DocState): Promise<void> {
    const s = await settings.for(state.doc.uri);
    const diagnostics = diagnosticsFor({ fns: state.fns ?? [], analysis: state.analysis?.result.functions, statuses: statusCache.get(state.doc.uri), findings: state.findings, showUnreached: state.showUnreached }, s);
    await connection.sendDiagnostics({ uri: state.doc.uri, diagnostics });
  }

  // --- lenses, hover, quick fixes --------------------------------------------------------------

  connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    const state = docs.get(textDocument.uri);
    if (!state) return [];
    const { lens } = await settings.for(textDocument.uri);
    // Constructors run once per object: a lens over each is noise unless asked for.
    const fns = (await functionsOf(state)).filter((fn) => lens.constructors || fn.kind !== 'constructor');
    const cyclomatic = new Map(state.analysis?.result.functions.map((f) => [f.fn.qualifiedName, f.complexity?.cyclomatic]) ?? []);
    const statuses = statusCache.get(textDocument.uri);
    return fns.map((fn) => {
      const at: Range = { start: fn.range.start, end: fn.range.start };
      const target: CommandTarget = { uri: textDocument.uri, qualifiedName: fn.qualifiedName };
      let command: Command;
      if (!trusted) command = { title: '⊘ Benchmarks off: untrusted workspace', command: 'perflens.explainTrust' };
      else if (running.has(runKey(textDocument.uri, fn.qualifiedName))) command = { title: `◷ Benchmarking… ${running.get(runKey(textDocument.uri, fn.qualifiedName))!.percent}%`, command: cmd('benchmark'), arguments: [target] };
      else command = { title: lensTitle(shownFor(statuses, fn), cyclomatic.get(fn.qualifiedName), lens.show), command: cmd('benchmark'), arguments: [target] };
      return { range: at, command };
    });
  });

  connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const state = docs.get(textDocument.uri);
    if (!state) return null;
    const fn = (await functionsOf(state)).find((f) => contains(f.nameRange, position));
    if (!fn) return lineCosts.hover(state, position);
    const analysis = state.analysis?.result.functions.find((f) => f.fn.qualifiedName === fn.qualifiedName);
    const target: CommandTarget = { uri: textDocument.uri, qualifiedName: fn.qualifiedName };
    return hoverFor(fn, shownFor(statusCache.get(textDocument.uri), fn), analysis, target, trusted, {
      benchmark: cmd('benchmark'),
      setBaseline: cmd('setBaseline'),
      showHistory: cmd('showHistory'),
      toggleUnreachedLines: cmd('toggleUnreachedLines'),
    }, engine?.workspaceRoot);
  });

  connection.languages.inlayHint.on(({ textDocument, range }): InlayHint[] => {
    const state = docs.get(textDocument.uri);
    return state ? lineCosts.inlayHints(state, range) : [];
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

  // --- commands and custom requests --------------------------------------------------------------

  connection.onExecuteCommand((params, token) => executeCommand(ctx, params, token));

  connection.onRequest(LineCostsRequest.type, ({ uri, qualifiedName }) => lineCosts.view(uri, qualifiedName));

  connection.onRequest(HistoryRequest.type, ({ uri, qualifiedName }) => requireEngine().history(fileOf(uri), qualifiedName) ?? null);

  connection.onRequest(HistoryFunctionsRequest.type, ({ uri }) => requireEngine().historyFunctions(uri ? fileOf(uri) : undefined));

  connection.onRequest(VersionSourceRequest.type, ({ functionId, versionId }) => {
    const source = requireEngine().versionSource(functionId, versionId);
    return source === undefined ? null : { source };
  });

  function requireEngine(): Engine {
    if (!engine) throw new Error(engineError ?? 'PerfLens has no engine: the server did not initialise.');
    return engine;
  }

  connection.listen();
}

// Run as its own bundle (dist/server.js, which the VS Code client starts with --node-ipc) rather than
// imported by the CLI: the file-name test matters because inside dist/cli.js this code is also `module`.
if (require.main === module && /[\\/]server\.[jt]s$/.test(require.main.filename)) {
  guardParentProcess();
  // SIGTERM/SIGINT end the server cleanly; the exit kills running sandbox children and their temp dirs.
  onCancelSignal(() => process.exit(0));
  startServer(createConnection(ProposedFeatures.all));
}
