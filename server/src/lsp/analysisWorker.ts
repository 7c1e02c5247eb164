// Static analysis off the connection's thread: parsing and linting a large file takes seconds, and
// didChange, lenses and hovers must not queue behind it. This file is also the worker's own bundle
// entry (dist/analysisWorker.js).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Engine, type AnalyzeSettings, type FileAnalysis } from '../engine';
import { errorText } from '../format';
import { locateFunctions } from '../locate/locate';
import type { LocateResult } from '../locate/types';

/** Runs static analysis for the server. */
export interface Analyzer {
  /** Analyses `text`; `onLocated` gets the functions early (before complexity and lint) when given. */
  analyze(file: string, text: string, settings: AnalyzeSettings, onLocated?: (r: LocateResult) => void): Promise<FileAnalysis>;
  /** The functions of `text` (a command's target), without the rest of the analysis. */
  locate(file: string, text: string): Promise<LocateResult>;
  forget(file: string): void;
  dispose(): void;
}

/** Messages to the analysis worker. */
type ToWorker =
  | { kind: 'analyze'; id: number; file: string; text: string; settings: AnalyzeSettings; wantLocated: boolean }
  | { kind: 'locate'; id: number; file: string; text: string }
  | { kind: 'forget'; file: string };

/** Messages from the analysis worker. */
type FromWorker =
  | { kind: 'located'; id: number; result: LocateResult }
  | { kind: 'analysis'; id: number; result: FileAnalysis }
  | { kind: 'failed'; id: number; error: string };

/** What the worker is started with. */
export interface WorkerSetup {
  perflensRole: 'analysis';
  workspaceRoot?: string;
  dbPath?: string;
}

/**
 * Starts one of the server's worker threads from its bundle entry next to the running code
 * (dist/<name>.js from dist/server.js or dist/cli.js), or from the TypeScript sources with tsx's
 * require hook (tests and benches run through tsx). It does not keep the process alive; `fail` hears
 * of its error or exit. Undefined, with one log line saying what the caller falls back to, when the
 * script is missing or the thread cannot start.
 */
export function startWorker<M>(
  name: string,
  data: object,
  on: { message: (m: M) => void; fail: (why: string) => void; log: (line: string) => void; fallback: string },
): Worker | undefined {
  const script = [`${name}.js`, `${name}.ts`].map((f) => path.join(__dirname, f)).find((p) => existsSync(p));
  if (!script) {
    on.log(`${name}: its script was not found; ${on.fallback}`);
    return undefined;
  }
  try {
    const options = { workerData: data };
    const worker = script.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { ...options, eval: true }) : new Worker(script, options);
    worker.unref();
    worker.on('message', on.message);
    worker.on('error', (err) => on.fail(`${name} failed: ${err.message}`));
    worker.on('exit', (code) => on.fail(`${name} exited (${code})`));
    return worker;
  } catch (err) {
    on.log(`${name} could not start (${errorText(err)}); ${on.fallback}`);
    return undefined;
  }
}

/** Analysis in a worker thread; falls back to the in-process engine if the worker cannot run. */
export class WorkerAnalyzer implements Analyzer {
  private worker?: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { message: ToWorker & { kind: 'analyze' }; resolve: (r: FileAnalysis) => void; reject: (e: Error) => void; onLocated?: (r: LocateResult) => void }>();
  private readonly locating = new Map<number, { message: ToWorker & { kind: 'locate' }; resolve: (r: LocateResult) => void }>();

  constructor(
    private readonly fallback: () => Engine | undefined,
    setup: Omit<WorkerSetup, 'perflensRole'>,
    private readonly log: (line: string) => void,
  ) {
    this.worker = startWorker<FromWorker>('analysisWorker', { perflensRole: 'analysis', ...setup } satisfies WorkerSetup, {
      message: (m) => this.receive(m),
      fail: (why) => this.fail(why),
      log,
      fallback: 'analysing on the main thread',
    });
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

  locate(file: string, text: string): Promise<LocateResult> {
    // Without a worker (it could not start, or died) the parse happens here: rare, and better than no command.
    if (!this.worker) return Promise.resolve(locateFunctions(file, text));
    const id = this.nextId++;
    const message: ToWorker = { kind: 'locate', id, file, text };
    return new Promise((resolve) => {
      this.locating.set(id, { message, resolve });
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
    const locate = this.locating.get(m.id);
    if (locate && m.kind === 'located') {
      this.locating.delete(m.id);
      return locate.resolve(m.result);
    }
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
    for (const l of this.locating.values()) l.resolve(locateFunctions(l.message.file, l.message.text));
    this.locating.clear();
  }
}

/** The worker thread's side: one engine, analyses handled in arrival order. */
function runAnalysisWorker(setup: WorkerSetup): void {
  const engine = new Engine({ workspaceRoot: setup.workspaceRoot, dbPath: setup.dbPath });
  const port = parentPort!;
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    // A command waits on its target: locating (one parse) does not queue behind analyses.
    if (m.kind === 'locate') return port.postMessage({ kind: 'located', id: m.id, result: locateFunctions(m.file, m.text) } satisfies FromWorker);
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


if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.perflensRole === 'analysis') {
  runAnalysisWorker(workerData as WorkerSetup);
}
