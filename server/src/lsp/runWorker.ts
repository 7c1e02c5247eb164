// Benchmarks and baselines off the connection's thread. A run plans its inputs with TypeScript's checker
// and re-analyses the file (and a comparison analyses the baseline's text too): seconds of parsing on a
// large project, during which lenses, hovers and didChange would wait. The sandbox child still runs the
// user's code; this thread only orchestrates it and writes the history (SQLite in WAL mode, so the
// connection thread's reads see each run once it is committed). This file is also the worker's own
// bundle entry (dist/runWorker.js).
import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { Engine, type BaselineSetResult, type BaselineTarget, type BenchOutcome, type BenchSettings } from '../engine';
import { errorText } from '../format';
import { abortError } from '../profile/sandbox/spawn';
import { startWorker } from './analysisWorker';
import type { LineCostsView } from '../protocol';

/**
 * A run as the server needs it: everything of the engine's outcome but the raw result (its samples stay
 * in the worker), plus the run's line costs for the inlay hints and the panel (null: none measured).
 */
export type RunOutcome = Omit<BenchOutcome, 'result'> & { lineCosts: LineCostsView | null };

/** Progress and cancellation of one run. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; fraction?: number }) => void;
}

/** Runs benchmarks and sets baselines for the server. */
export interface Runner {
  benchmark(file: string, text: string, qualifiedName: string, settings: BenchSettings, ctl: RunControl): Promise<RunOutcome>;
  /** Sets a baseline; with `text`, of that unsaved buffer of `text.file` rather than the file on disk. */
  setBaseline(target: BaselineTarget, label: string, text?: { file: string; text: string }): Promise<BaselineSetResult>;
  /** Gets ready for a first run (the server calls it once its first lenses are out). */
  prepare(): void;
  dispose(): void;
}

type Request =
  | { kind: 'benchmark'; id: number; file: string; text: string; qualifiedName: string; settings: BenchSettings }
  | { kind: 'baseline'; id: number; target: BaselineTarget; label: string; text?: { file: string; text: string } };
type ToWorker = Request | { kind: 'abort'; id: number };
type FromWorker =
  | { kind: 'progress'; id: number; phase: string; fraction?: number }
  | { kind: 'done'; id: number; value: RunOutcome | BaselineSetResult }
  | { kind: 'failed'; id: number; error: string; aborted: boolean }
  | { kind: 'log'; line: string };

interface WorkerSetup {
  perflensRole: 'run';
  workspaceRoot?: string;
  dbPath?: string;
}

/** The same calls on an engine in this thread: the fallback, and what tests that want one thread use. */
export function inProcessRunner(engine: () => Engine): Runner {
  return {
    benchmark: async (file, text, qualifiedName, settings, ctl) => withoutResult(await engine().benchmark(file, text, qualifiedName, settings, ctl)),
    setBaseline: async (target, label, text) => {
      // The engine baselines the text it last analysed (else the file on disk): show it the buffer first.
      if (text) await engine().analyze(text.file, text.text, { typeCheck: false });
      return engine().setBaseline(target, label);
    },
    prepare: () => undefined,
    dispose: () => undefined,
  };
}

function withoutResult(outcome: BenchOutcome): RunOutcome {
  const { result: r, ...rest } = outcome;
  const changes = outcome.lineChanges?.length ? { changes: outcome.lineChanges } : {};
  const lineCosts = r.status === 'ok' && r.timing && r.lines.length > 0 ? { qualifiedName: r.function, medianNs: r.timing.medianNs, lines: r.lines, callees: r.callees, ...changes } : null;
  return { ...rest, lineCosts };
}

/**
 * Runs in a worker thread, started once the first lenses are out (`prepare`) or by the first run, so
 * that start-up does not pay for a second engine and a first click does not wait for one; falls back to
 * the in-process engine when the worker cannot start or dies.
 */
export class WorkerRunner implements Runner {
  private worker?: Worker;
  /** Set once the worker could not start, died or was disposed: from then on runs stay in this thread. */
  private stopped = false;
  private nextId = 1;
  private readonly fallback: Runner;
  private readonly pending = new Map<number, { ctl?: RunControl; resolve: (v: never) => void; reject: (e: Error) => void }>();

  constructor(
    engine: () => Engine,
    private readonly setup: Omit<WorkerSetup, 'perflensRole'>,
    private readonly log: (line: string) => void,
  ) {
    this.fallback = inProcessRunner(engine);
  }

  /** The worker, started on first use; undefined once it could not start or died. */
  private started(): Worker | undefined {
    if (!this.worker && !this.stopped) {
      this.worker = startWorker<FromWorker>('runWorker', { perflensRole: 'run', ...this.setup } satisfies WorkerSetup, {
        message: (m) => this.receive(m),
        fail: (why) => this.fail(why),
        log: this.log,
        fallback: 'benchmarks are planned on the main thread',
      });
      this.stopped = !this.worker;
    }
    return this.worker;
  }

  benchmark(file: string, text: string, qualifiedName: string, settings: BenchSettings, ctl: RunControl): Promise<RunOutcome> {
    if (!this.started()) return this.fallback.benchmark(file, text, qualifiedName, settings, ctl);
    return this.send({ kind: 'benchmark', id: this.nextId++, file, text, qualifiedName, settings }, ctl);
  }

  setBaseline(target: BaselineTarget, label: string, text?: { file: string; text: string }): Promise<BaselineSetResult> {
    if (!this.started()) return this.fallback.setBaseline(target, label, text);
    return this.send({ kind: 'baseline', id: this.nextId++, target, label, ...(text ? { text } : {}) });
  }

  prepare(): void {
    this.started();
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    this.stopped = true;
    void w?.terminate();
  }

  private send<T>(request: Request, ctl?: RunControl): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (ctl?.signal?.aborted) return reject(abortError());
      this.pending.set(request.id, { ctl, resolve: resolve as (v: never) => void, reject });
      // The run's `ref` keeps the server alive while it lasts, as an in-process run's child would.
      this.worker!.ref();
      ctl?.signal?.addEventListener('abort', () => this.worker?.postMessage({ kind: 'abort', id: request.id } satisfies ToWorker), { once: true });
      this.worker!.postMessage(request satisfies ToWorker);
    });
  }

  private receive(m: FromWorker): void {
    if (m.kind === 'log') return this.log(m.line);
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') return p.ctl?.onProgress?.({ phase: m.phase, ...(m.fraction !== undefined ? { fraction: m.fraction } : {}) });
    this.settle(m.id);
    if (m.kind === 'done') p.resolve(m.value as never);
    else p.reject(m.aborted ? abortError() : new Error(m.error));
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private fail(message: string): void {
    if (!this.worker) return;
    this.log(`${message}; benchmarks are planned on the main thread from now on`);
    this.worker = undefined;
    this.stopped = true;
    // A run in flight is not retried behind the user's back: it fails with the reason, and the next
    // click runs in this thread.
    for (const p of this.pending.values()) p.reject(new Error(`${message}: run it again`));
    this.pending.clear();
  }
}



/** The worker thread's side: one engine; runs may overlap (each is mostly waiting on its child). */
function runRunWorker(setup: WorkerSetup): void {
  const port = parentPort!;
  const post = (m: FromWorker) => port.postMessage(m);
  const engine = new Engine({ workspaceRoot: setup.workspaceRoot, dbPath: setup.dbPath, log: (line) => post({ kind: 'log', line }) });
  const runner = inProcessRunner(() => engine);
  const aborts = new Map<number, AbortController>();
  port.on('message', async (m: ToWorker) => {
    if (m.kind === 'abort') return aborts.get(m.id)?.abort();
    const abort = new AbortController();
    aborts.set(m.id, abort);
    try {
      const value =
        m.kind === 'benchmark'
          ? await runner.benchmark(m.file, m.text, m.qualifiedName, m.settings, { signal: abort.signal, onProgress: (p) => post({ kind: 'progress', id: m.id, ...p }) })
          : await runner.setBaseline(m.target, m.label, m.text);
      post({ kind: 'done', id: m.id, value });
    } catch (err) {
      post({ kind: 'failed', id: m.id, error: errorText(err), aborted: abort.signal.aborted });
    } finally {
      aborts.delete(m.id);
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.perflensRole === 'run') {
  runRunWorker(workerData as WorkerSetup);
}
