// Static analysis off the connection's thread: parsing and linting a large file takes seconds, and
// didChange, lenses and hovers must not queue behind it. This file is also the worker's own bundle
// entry (dist/analysisWorker.js).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Engine, type AnalyzeSettings, type FileAnalysis } from '../engine';
import { locateFunctions } from '../locate/locate';
import type { LocateResult } from '../locate/types';

/** Runs static analysis for the server. */
export interface Analyzer {
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
export interface WorkerSetup {
  perflensRole: 'analysis';
  workspaceRoot?: string;
  dbPath?: string;
}

/** This file next to the running code: dist/analysisWorker.js when bundled (from dist/server.js or dist/cli.js), the .ts from sources. */
function workerScript(): string | undefined {
  return ['analysisWorker.js', 'analysisWorker.ts'].map((name) => path.join(__dirname, name)).find((p) => existsSync(p));
}

/** Analysis in a worker thread; falls back to the in-process engine if the worker cannot run. */
export class WorkerAnalyzer implements Analyzer {
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
      log('analysis worker: its script was not found; analysing on the main thread');
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.perflensRole === 'analysis') {
  runAnalysisWorker(workerData as WorkerSetup);
}
