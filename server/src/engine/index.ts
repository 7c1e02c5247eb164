// The engine facade: the one place the language server and the CLI call. It composes locate,
// analyze, profile, history and verdict; it knows nothing about which editor (if any) called it.
// Over 400 lines on purpose: it is the one door every surface goes through, and each method is a short
// composition of the parts (helpers live in support.ts, types in types.ts, comparisons in compare.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { innermostAt } from '../locate/locate';
import { checkTypes, type TypeErrorFinding } from '../analyze/correctness';
import { analyzeStatic, type Guard, type StaticSnapshot } from '../analyze/incremental';
import { benchFunction } from '../profile';
import { historyFile, openHistory } from '../history/open';
import { captureEnvironment, type HistoryStore } from '../history/store';
import { sqliteEngineName } from '../history/db';
import { setBaseline as setBaselineIn, type BaselineSetResult } from '../history/baselines';
import { recordBenchRun, recordComparison } from '../history/record';
import { fileStatus, historyFunctions, historyView } from '../history/queries';
import { sourceFiles } from '../history/sources';
import { moduleDeclarationsUsed } from '../verdict/context';
import type { LlmClient } from '../verdict/llm';
import type { HistoryFunctionEntry, HistoryView } from '../protocol';
import { compareVersions, comparisonJson, staticSummary, verdictFacts, type Comparison, type ComparisonError } from './compare';
import { benchView, interleavedView } from './view';
import { analysisRecord, benchRunRecord, intentOf, isUnder, matchesToday, memoryCache, pick, versionToRecord, yieldToEventLoop } from './support';
import type {
  AnalyzeSettings,
  BaselineComparisonRequest,
  BaselineTarget,
  BaselineEntry,
  BenchOutcome,
  BenchSettings,
  CheckOptions,
  CheckRow,
  CompareSourcesRequest,
  EngineOptions,
  FileAnalysis,
  FunctionAnalysis,
  FunctionStatus,
  LlmOptions,
} from './types';

export type * from './types';
export { compareVersions, comparisonJson, staticSummary, type CompareRequest, type Comparison, type ComparisonError } from './compare';
export { benchView, interleavedView, statusFor } from './view';
export { grownLines } from '../profile/lines/diff';

/** How many files' parse results the engine keeps for incremental re-analysis. */
const SNAPSHOT_LIMIT = 64;

/** The PerfLens engine for one workspace. */
export class Engine {
  readonly workspaceRoot: string | undefined;
  private readonly log: (line: string) => void;
  private readonly notify: (message: string) => void;
  private readonly snapshots = new Map<string, StaticSnapshot>();
  private readonly dbPath: string | undefined;
  private historyStore: HistoryStore | undefined;
  private historyError: string | undefined;

  constructor(options: EngineOptions = {}) {
    this.workspaceRoot = options.workspaceRoot;
    this.dbPath = options.dbPath;
    this.log = options.log ?? (() => undefined);
    this.notify = options.notify ?? this.log;
  }

  /**
   * Locates every function of `text` (the content of `file`, saved or not) and analyses each.
   * Never throws for bad input: syntax errors and analyser failures come back in the result.
   * Yields to the event loop between phases so an editor's messages are not held up.
   */
  async analyze(file: string, text: string, settings: AnalyzeSettings = {}): Promise<FileAnalysis> {
    const problems: string[] = [];
    const guard: Guard = (what, run, fallback) => this.guard(problems, what, run, fallback);
    const result = analyzeStatic(file, text, this.snapshots.get(file), settings.security ?? {}, guard);
    this.remember(file, result.snapshot);

    const analyses: FunctionAnalysis[] = result.functions.map((f) => ({
      ...f,
      security: [...f.security],
      correctness: { syntaxValid: true, typeErrors: [] },
    }));
    const byName = new Map(analyses.map((a) => [a.fn.qualifiedName, a]));
    const functions = analyses.map((a) => a.fn);

    const moduleTypeErrors: TypeErrorFinding[] = [];
    if (settings.typeCheck !== false) {
      await yieldToEventLoop();
      const typeErrors = guard('type check', () => checkTypes(file, text, { workspaceRoot: this.workspaceRoot }), []);
      for (const e of typeErrors) {
        const owner = innermostAt(functions, e.offset);
        (owner ? byName.get(owner.qualifiedName)!.correctness.typeErrors : moduleTypeErrors).push(e);
      }
    }
    return {
      file,
      functions: analyses,
      syntaxErrors: result.syntaxErrors,
      moduleSecurity: result.moduleSecurity,
      moduleTypeErrors,
      problems,
      incremental: result.incremental,
    };
  }

  /** Forgets what was kept of a file (closed in the editor, deleted). */
  forget(file: string): void {
    this.snapshots.delete(file);
  }

  private remember(file: string, snapshot: StaticSnapshot): void {
    this.snapshots.delete(file);
    this.snapshots.set(file, snapshot);
    if (this.snapshots.size > SNAPSHOT_LIMIT) this.snapshots.delete(this.snapshots.keys().next().value!);
  }

  /**
   * Benchmarks one function in the sandbox and records the run (a failure too) in the history; when the
   * function has a baseline whose code differs, compares the two interleaved and gives a verdict. The
   * outcome's `status` is what every surface shows, read back from the history. A failed benchmark is a
   * result, not an exception; only cancellation rejects (AbortError).
   */
  async benchmark(
    file: string,
    text: string,
    qualifiedName: string,
    settings: BenchSettings = {},
    ctl: { signal?: AbortSignal; onProgress?: (p: { phase: string; fraction?: number }) => void } = {},
  ): Promise<BenchOutcome> {
    const result = await benchFunction({
      file,
      text,
      qualifiedName,
      growth: settings.growth ?? true,
      keepSamples: true,
      workspaceRoot: this.workspaceRoot,
      log: this.log,
      ...pick(settings, ['budgetMs', 'nodePath', 'timeoutMs', 'heapMb', 'sandboxEnv', 'requireIsolation']),
      ...pick(ctl, ['signal', 'onProgress']),
    });
    const view = benchView(result);
    const store = this.store(true);
    const report = await this.analyze(file, text, { typeCheck: false });
    const current = report.functions.find((f) => f.fn.qualifiedName === qualifiedName);
    if (!store || !current) {
      const status = { qualifiedName, hash: current?.fn.hash ?? '', createdAt: new Date().toISOString(), run: view };
      return { result, status, recorded: false, ...(store ? {} : { notice: this.historyError }) };
    }
    const label = settings.baselineLabel ?? 'main';
    const record = versionToRecord(file, text, report, current);
    const { baseline } = await recordBenchRun(store, record, benchRunRecord(result, view), analysisRecord(current, { complexity: current.complexity, security: current.security }), label);
    const outcome: Omit<BenchOutcome, 'status'> = { result, recorded: true };
    if (view.ok && baseline && baseline.version.hash !== current.fn.hash) {
      ctl.onProgress?.({ phase: `comparing with baseline "${label}"` });
      const comparison = await this.compareToBaseline(store, {
        file,
        text,
        report,
        current,
        baseline,
        growth: false,
        ...pick(settings, ['budgetMs', 'noiseThreshold', 'note']),
        ...pick(ctl, ['signal', 'onProgress']),
        sandbox: pick(settings, ['sandboxEnv', 'requireIsolation']),
        ...(settings.llm ? { llm: settings.llm } : {}),
      });
      if (comparison.status === 'error') outcome.notice = `comparison with baseline "${label}" failed: ${comparison.error}`;
      else {
        outcome.verdict = comparison.verdict;
        outcome.lineChanges = comparison.lines;
      }
    }
    const status = fileStatus(store, file).find((s) => s.qualifiedName === qualifiedName && s.hash === current.fn.hash)!;
    return { ...outcome, status, ...(status.change && outcome.verdict ? { change: status.change } : {}) };
  }

  /**
   * Runs `current` interleaved with the baseline's source spliced into today's module, judges the change,
   * and records both runs and the verdict.
   */
  private async compareToBaseline(store: HistoryStore, req: BaselineComparisonRequest): Promise<Comparison | ComparisonError> {
    const { file, text, current, baseline } = req;
    const currentSource = text.slice(current.fn.start, current.fn.end);
    const spliced = text.slice(0, current.fn.start) + baseline.version.source + text.slice(current.fn.end);
    const before = (await this.analyze(file, spliced, { typeCheck: req.typeCheck ?? false })).functions.find((f) => f.fn.qualifiedName === current.fn.qualifiedName);
    this.forget(file); // the spliced text must not become the base of the next incremental analysis
    const intent = await intentOf(file, { text, fn: current }, before ? { text: spliced, fn: before } : undefined, req.note, false);
    const comparison = await compareVersions({
      file,
      text,
      qualifiedName: current.fn.qualifiedName,
      baselineSource: baseline.version.source,
      currentSource,
      codeUnchanged: false,
      ...(before ? { before: staticSummary(before) } : {}),
      after: staticSummary(current),
      intent,
      moduleDeclarations: moduleDeclarationsUsed(text, file, [baseline.version.source, currentSource], current.fn),
      log: this.log,
      measureGrowth: req.growth ?? false,
      ...(req.sandbox ? { sandbox: req.sandbox } : {}),
      ...(this.workspaceRoot ? { workspaceRoot: this.workspaceRoot } : {}),
      ...pick(req, ['budgetMs', 'noiseThreshold', 'signal', 'onProgress']),
      ...(req.llm ? { llm: this.llmClient(store, req.llm) } : {}),
    });
    if (comparison.status === 'ok') {
      const environment = { ...captureEnvironment(), isolation: comparison.isolation };
      const side = (v: Comparison['current'], other: string) => ({
        kind: 'interleaved' as const,
        view: interleavedView(v),
        samplesNs: v.samplesNs,
        medianNs: v.timing.medianNs,
        ci95Ns: v.timing.ci95Ns,
        cv: v.timing.cv,
        ...(v.memory ? { allocatedBytesPerCall: v.memory.allocatedBytesPerCall, memory: v.memory } : {}),
        stats: v.timing,
        inputs: { interleavedWith: other },
        environment,
      });
      const c = comparison;
      await recordComparison(store, versionToRecord(file, text, req.report, current), {
        baselineVersionId: baseline.version.id,
        runs: { baseline: side(c.baseline, 'current'), current: side(c.current, `baseline${baseline.label ? ` ${baseline.label}` : ''}`) },
        analysis: analysisRecord(current, staticSummary(current)),
        verdict: { ...verdictFacts(c.verdict), change: comparisonJson(c).change },
      });
    }
    return comparison;
  }

  /**
   * The latest run of every stored version of `file`'s functions, newest first; `statusFor` picks the
   * one for the code on screen.
   */
  status(file: string): FunctionStatus[] {
    const store = this.store();
    return store ? fileStatus(store, file) : [];
  }

  /** Functions with stored versions (one file's, or the workspace's), for the history panel's picker. */
  historyFunctions(file?: string): HistoryFunctionEntry[] {
    const store = this.store();
    if (!store) return [];
    const root = this.workspaceRoot ?? process.cwd();
    return historyFunctions(store, file).map((f) => ({ uri: pathToFileURL(join(root, f.file)).href, ...f }));
  }

  /** The stored source of one version of a function, for the panel's diff. */
  versionSource(functionId: string, versionId: string): string | undefined {
    const version = this.store()?.getVersion(versionId);
    return version && version.functionId === functionId ? version.source : undefined;
  }

  /** Makes the current version of a function, a file, a folder or the whole workspace the baseline `label`. */
  async setBaseline(target: BaselineTarget, label: string): Promise<BaselineSetResult> {
    const store = this.requireStore(true);
    if (!('file' in target)) {
      const folder = 'folder' in target ? target.folder : this.workspaceRoot;
      if (!folder) throw new Error('no workspace folder is open: set a baseline for a file or a function instead');
      const sources = sourceFiles(folder).map((file) => ({ file, text: this.currentText(file) }));
      return setBaselineIn(store, label, 'workspace', sources);
    }
    const sources = [{ file: target.file, text: this.currentText(target.file) }];
    return setBaselineIn(store, label, target.qualifiedName ? 'function' : 'file', sources, target.qualifiedName);
  }

  /** Removes the baseline `label` of a function, a file, a folder or the whole workspace; returns how many. */
  async clearBaseline(target: BaselineTarget, label: string): Promise<number> {
    // No history yet: no baseline to clear, and no reason to create the DB.
    const store = this.store();
    if (!store) return 0;
    if ('workspace' in target) return store.clearBaselines(label);
    if ('folder' in target) {
      const under = store.relativePath(target.folder);
      const files = new Set(store.listBaselines({ label }).map((b) => b.function.file).filter((f) => isUnder(f, under)));
      let removed = 0;
      for (const file of files) removed += store.clearBaselines(label, { file });
      return removed;
    }
    if (target.qualifiedName) {
      const fn = store.findFunction(target.file, target.qualifiedName);
      return fn ? store.clearBaselines(label, { functionId: fn.id }) : 0;
    }
    return store.clearBaselines(label, { file: target.file });
  }

  /** Baselines under `path` (a file or folder; the workspace when omitted), and whether the code still matches each. */
  baselines(filter: { path?: string; label?: string; qualifiedName?: string } = {}): BaselineEntry[] {
    const store = this.requireStore(false);
    if (!store) return [];
    const under = filter.path === undefined ? '' : store.relativePath(filter.path);
    const root = this.workspaceRoot ?? process.cwd();
    // The latest run of each baseline's version: the same stored view the lens and the panel show.
    const statuses = new Map<string, FunctionStatus[]>();
    const latest = (file: string, qualifiedName: string, hash: string): BaselineEntry['latest'] => {
      if (!statuses.has(file)) statuses.set(file, fileStatus(store, join(root, file)));
      const s = statuses.get(file)!.find((x) => x.qualifiedName === qualifiedName && x.hash === hash);
      return s && { run: s.run, at: s.createdAt };
    };
    return store
      .listBaselines(filter.label !== undefined ? { label: filter.label } : {})
      .filter((b) => isUnder(b.function.file, under) && (filter.qualifiedName === undefined || b.function.qualifiedName === filter.qualifiedName))
      .map((b) => ({
        label: b.label,
        file: b.function.file,
        qualifiedName: b.function.qualifiedName,
        scope: b.scope,
        hash: b.version.hash,
        ...(b.version.git?.commit ? { commit: b.version.git.commit } : {}),
        setAt: b.createdAt,
        current: matchesToday(join(root, b.function.file), b.function.qualifiedName, b.version.hash),
        latest: latest(b.function.file, b.function.qualifiedName, b.version.hash),
      }));
  }

  /**
   * `perflens check`: every function with baseline `label` under `paths` whose code changed is run
   * interleaved with its baseline, judged and recorded. `baselines` is how many baselines were found.
   */
  async check(o: CheckOptions): Promise<{ ok: true; baselines: number; rows: CheckRow[] } | { ok: false; error: string }> {
    // No history yet means no baselines; only a DB that exists and cannot be opened is an error.
    const store = this.store();
    if (!store) return this.historyError ? { ok: false, error: this.historyError } : { ok: true, baselines: 0, rows: [] };
    const prefixes = o.paths.map((t) => store.relativePath(t));
    const baselines = store.listBaselines({ label: o.label }).filter((b) => prefixes.some((p) => isUnder(b.function.file, p)));
    const root = this.workspaceRoot ?? process.cwd();
    const typeCheck = o.typeCheck !== false;
    const reports = new Map<string, { text: string; report: FileAnalysis } | undefined>();
    const rows: CheckRow[] = [];
    for (const b of baselines) {
      const rel = b.function.file;
      const file = join(root, rel);
      const name = b.function.qualifiedName;
      if (!reports.has(rel)) {
        let text: string | undefined;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          text = undefined;
        }
        reports.set(rel, text === undefined ? undefined : { text, report: await this.analyze(file, text, { typeCheck }) });
      }
      const current = reports.get(rel);
      if (!current) {
        rows.push({ status: 'missing', file: rel, function: name, message: `${rel} no longer exists` });
        continue;
      }
      // By name first, then by body (renamed in place since the baseline was set).
      const now = current.report.functions.find((f) => f.fn.qualifiedName === name) ?? current.report.functions.find((f) => f.fn.bodyHash === b.version.bodyHash);
      if (!now) {
        rows.push({ status: 'missing', file: rel, function: name, message: `${name} is no longer in ${rel}` });
        continue;
      }
      if (now.fn.hash === b.version.hash) {
        rows.push({ status: 'unchanged', file: rel, function: now.fn.qualifiedName });
        continue;
      }
      o.onCompare?.(rel, now.fn.qualifiedName);
      const result = await this.compareToBaseline(store, {
        file,
        text: current.text,
        report: current.report,
        current: now,
        baseline: b,
        typeCheck,
        growth: o.growth ?? 'auto',
        ...pick(o, ['budgetMs', 'note', 'llm', 'signal']),
      });
      rows.push(result.status === 'error' ? { status: 'error', file: rel, function: now.fn.qualifiedName, message: result.error } : { status: 'compared', file: rel, function: now.fn.qualifiedName, comparison: result });
    }
    return { ok: true, baselines: baselines.length, rows };
  }

  /**
   * `perflens compare`: one function's version in `oldFile` spliced into `newFile`'s module and run
   * interleaved with the current one, then judged. Nothing is recorded.
   */
  async compareSources(req: CompareSourcesRequest): Promise<Comparison | ComparisonError | { status: 'missing'; report: FileAnalysis }> {
    const typeCheck = req.typeCheck !== false;
    const oldReport = await this.analyze(req.oldFile, req.oldText, { typeCheck });
    const newReport = await this.analyze(req.newFile, req.newText, { typeCheck });
    const oldFn = oldReport.functions.find((f) => f.fn.qualifiedName === req.qualifiedName);
    const newFn = newReport.functions.find((f) => f.fn.qualifiedName === req.qualifiedName);
    if (!oldFn || !newFn) return { status: 'missing', report: oldFn ? newReport : oldReport };
    return compareVersions({
      file: req.newFile,
      text: req.newText,
      qualifiedName: req.qualifiedName,
      baselineSource: req.oldText.slice(oldFn.fn.start, oldFn.fn.end),
      currentSource: req.newText.slice(newFn.fn.start, newFn.fn.end),
      codeUnchanged: oldFn.fn.hash === newFn.fn.hash,
      before: staticSummary(oldFn),
      after: staticSummary(newFn),
      intent: await intentOf(req.newFile, { text: req.newText, fn: newFn }, { text: req.oldText, fn: oldFn }, req.note),
      moduleDeclarations: moduleDeclarationsUsed(req.newText, req.newFile, [req.oldText.slice(oldFn.fn.start, oldFn.fn.end), req.newText.slice(newFn.fn.start, newFn.fn.end)], newFn.fn),
      measureGrowth: req.growth ?? 'auto',
      ...(this.workspaceRoot ? { workspaceRoot: this.workspaceRoot } : {}),
      ...pick(req, ['budgetMs', 'signal']),
      ...(req.llm ? { llm: this.llmClient(undefined, req.llm) } : {}),
    });
  }

  /**
   * Accepts the slowdown of the version with content hash `hash` (default: the newest) with the user's note: the note is stored, and an ACCEPT verdict
   * (source `rules`, reasoning quoting the note and the verdict it overrides) supersedes the old one.
   */
  async acceptRegression(file: string, qualifiedName: string, note: string, hash?: string): Promise<void> {
    const store = this.requireStore(false);
    const fn = store?.findFunction(file, qualifiedName);
    const versions = fn ? store!.listVersions(fn.id) : [];
    const version = (hash !== undefined ? versions.find((v) => v.hash === hash) : undefined) ?? versions.at(-1);
    if (!store || !fn || !version) throw new Error(`${qualifiedName} has no stored version to accept: benchmark it first`);
    const previous = store.latestVerdict(version.id);
    store.transaction(() => {
      store.addNote(fn.id, note, version.id);
      store.recordVerdict({
        functionId: fn.id,
        versionId: version.id,
        ...(previous?.baselineVersionId ? { baselineVersionId: previous.baselineVersionId } : {}),
        recommendation: 'ACCEPT',
        score: 80,
        source: 'rules',
        reasoning: `Accepted by the developer: "${note}".${previous ? ` It overrides ${previous.recommendation} (score ${previous.score}): ${previous.reasoning}` : ''}`,
        confidence: 1,
        change: previous?.change,
      });
    });
  }

  /** A function's stored history for the panel, or undefined when it has none. */
  history(file: string, qualifiedName: string): HistoryView | undefined {
    const store = this.store();
    const fn = store?.findFunction(file, qualifiedName);
    const view = fn ? historyView(store!, fn.id) : undefined;
    const engine = sqliteEngineName();
    return view && engine ? { ...view, engine } : view;
  }

  /** Empties the LLM response cache; returns how many answers were dropped. */
  clearLlmCache(): number {
    return this.store()?.llmCacheClear() ?? 0;
  }

  /**
   * The history store, opened on first use (a corrupt file is moved aside by openHistory). Only a benchmark
   * or a baseline passes `create`: opening a file, analysing it or reading its status must write nothing
   * into the workspace, so until then there is no DB and readers get undefined.
   */
  store(create = false): HistoryStore | undefined {
    if (this.historyStore) return this.historyStore;
    if (this.historyError) return undefined;
    const location = { workspaceRoot: this.workspaceRoot ?? process.cwd(), ...(this.dbPath ? { path: this.dbPath } : {}) };
    if (!create && !existsSync(historyFile(location))) return undefined;
    const opened = openHistory(location);
    if (!opened.ok) {
      this.historyError = opened.error;
      this.log(`history unavailable: ${opened.error}`);
      return undefined;
    }
    if (opened.notice) this.notify(opened.notice);
    this.historyStore = opened.store;
    return this.historyStore;
  }

  /** Closes the history DB and the type checkers' caches. */
  dispose(): void {
    this.historyStore?.close();
    this.historyStore = undefined;
    this.snapshots.clear();
  }

  private requireStore(create: true): HistoryStore;
  private requireStore(create: false): HistoryStore | undefined;
  private requireStore(create: boolean): HistoryStore | undefined {
    const store = this.store(create);
    if (!store && !create && !this.historyError) return undefined;
    if (!store) throw new Error(`the history database is unavailable: ${this.historyError ?? 'unknown error'}`);
    return store;
  }

  /** The text the engine last analysed for `file` (an unsaved buffer), else what is on disk. */
  private currentText(file: string): string {
    return this.snapshots.get(file)?.text ?? readFileSync(file, 'utf8');
  }

  /**
   * The one way an LLM client is built (editor settings and the CLI's environment alike): answers are
   * cached in the history DB, or in memory for a run without one.
   */
  private llmClient(store: HistoryStore | undefined, llm: LlmOptions): LlmClient | undefined {
    if (!llm.enabled || (!llm.baseUrl && !llm.apiKey)) return undefined;
    // The openai package loads only once an LLM is configured, not with the server (start-up time).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LlmClient, DEFAULT_LLM_MODEL } = require('../verdict/llm') as typeof import('../verdict/llm');
    return new LlmClient(
      {
        enabled: true,
        model: llm.model || DEFAULT_LLM_MODEL,
        ...(llm.baseUrl ? { baseURL: llm.baseUrl } : {}),
        ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
        ...(llm.timeoutMs ? { timeoutMs: llm.timeoutMs } : {}),
      },
      store ? { get: (k) => store.llmCacheGet(k), put: (k, m, r) => store.llmCachePut(k, m, r) } : memoryCache(),
    );
  }

  /** Runs one analyser; its failure is reported, never thrown, so one bug cannot hide the rest. */
  private guard<T>(problems: string[], what: string, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (err) {
      const message = `${what} failed: ${err instanceof Error ? err.message : String(err)}`;
      problems.push(message);
      this.log(message);
      return fallback;
    }
  }
}
