// The written contract between the server and the sandbox child: what the child is asked to do (a job
// file), and the typed messages it writes back, one JSON object per line on file descriptor 3.
// Messages are written synchronously so that even a child that dies right after still delivers them.

import type { InputRecipe } from '../inputs/recipe';
import type { MockAnswers } from '../mocks/answers';

/** Why a run failed. The same five kinds reach the CLI's JSON and the editor. */
export type SandboxErrorKind = 'timeout' | 'oom' | 'crash' | 'throws' | 'unsupported-input';

/** A failed run: a kind and a message saying what failed and what to do next. */
export interface SandboxError {
  kind: SandboxErrorKind;
  message: string;
}

/**
 * How the child turns the bundle's exposed function into a call.
 * - `plain`: `fn(...args)`.
 * - `this`: `fn.call(receiver, ...args)`; the receiver is the pool's receiver (an instance), or the
 *   bundle's `self()` (the class for static members, the object for object methods).
 * - `field`: `receiver[member](...args)`: instance fields holding arrows exist only on instances.
 */
export interface TargetAccess {
  mode: 'plain' | 'this' | 'field';
  /** Where `this` comes from in `this` and `field` modes. */
  receiver: 'none' | 'instance' | 'self';
  /** The property name in `field` mode. */
  member?: string;
}

/** One build of the function to measure (several when comparing versions in one child). */
export interface VariantJob {
  /** Caller's name for the variant (`candidate`, `baseline`, ...). */
  id: string;
  /** Absolute path of the esbuild bundle in the sandbox directory. */
  bundlePath: string;
  /** The user's original file: bare imports resolve from its directory's node_modules. */
  sourceFile: string;
  access: TargetAccess;
  /** Qualified name, for messages. */
  qualifiedName: string;
  /** Set when a nested function was copied to module scope: its enclosing function. */
  hoistedFrom?: string;
}

/** Timing settings of a run. */
export interface TimingJob {
  /** Wall-clock time for warm-up plus sampling, per variant set (ms). */
  budgetMs: number;
  /** Stop sampling after this many samples even with budget left. */
  maxSamples: number;
  /** Keep sampling past the budget until this many samples exist (bounded by the hard timeout). */
  minSamples: number;
  /** Aim for samples of at least this duration (ns), far above timer resolution. */
  targetSampleNs: number;
}

/** Growth sweep settings: sizes n = 2^k. */
export interface GrowthJob {
  budgetMs: number;
  /** Largest n tried. */
  maxSize: number;
}

/** A block of the target function: a position inside it (0-based, original file) and the lines it spans. */
export interface CodeBlock {
  line: number;
  column: number;
  startLine: number;
  endLine: number;
}

/** A coverage pass: run candidate inputs under V8 block coverage and choose the pool (no timing). */
export interface CoverageJob {
  blocks: CodeBlock[];
  /** How many candidate inputs to try (the pool keeps `poolSize` of them). */
  candidates: number;
}

/** What the coverage pass found, over the inputs it kept. */
export interface CoverageReport {
  /** Blocks of the function reached by at least one kept input. */
  covered: number;
  /** Blocks in the function. */
  total: number;
  /** 1-based lines of blocks no kept input reached. */
  unreachedLines: number[];
  /** Pool entries (materialize indexes) chosen for timing: the ones adding blocks first. */
  indices: number[];
  /** Candidates that threw (and were not kept). */
  threw: number;
}

/** Everything the child needs; written as JSON to `<sandboxDir>/job.json`. */
export interface ChildJob {
  protocol: 1;
  sandboxDir: string;
  variants: VariantJob[];
  recipe: InputRecipe;
  /** Size n used for timing and memory (collections and strings get n items). */
  size: number;
  seed: number;
  /** How many different argument lists the harness cycles through. */
  poolSize: number;
  timing: TimingJob;
  /** Measure allocated and retained bytes (needs --expose-gc, which spawn always passes). */
  memory: boolean;
  /** Growth sweep for the first variant, or null. */
  growth: GrowthJob | null;
  /** Set for a coverage pass: the child only runs candidates under coverage and reports them. */
  coverage?: CoverageJob;
  /** What the client mocks answer: row and response shapes from the code, scripts from the user (mocks/answers.ts). */
  answers?: MockAnswers;
  /** Materialize indexes of the pool entries to time (chosen by a coverage pass); absent: 0 … poolSize-1. */
  indices?: number[];
}

/** How the function's result was consumed. */
export type CallMode = 'sync' | 'async' | 'stream';

/** Memory figures of one variant. */
export interface MemoryMeasure {
  /** Bytes allocated per call (heap growth plus what GC reclaimed during the calls). */
  allocatedBytesPerCall: number;
  /** Bytes still reachable per call after a full GC. */
  retainedBytesPerCall: number;
  /** Retention kept growing with the number of calls. */
  suspectedLeak: boolean;
}

/** Raw measurements of one variant. */
export interface VariantRun {
  id: string;
  mode: CallMode;
  /** ns per call of each sample, in the order taken (streams: ns to the first item). */
  samplesNs: number[];
  iterationsPerSample: number;
  /** Warm-up samples taken before the first kept sample. */
  warmupSamples: number;
  /** Streams only: items per second when draining (capped). */
  itemsPerSec?: number;
  memory?: MemoryMeasure;
}

/** One point of a growth sweep. */
export interface GrowthPoint {
  n: number;
  medianNs: number;
}

/** What the first variant was timed on: shown = measured. */
export interface TimedInputs {
  /** The size n of the timed pool. */
  n: number;
  /** A call changed its arguments or receiver, so every timed call got a fresh copy. */
  cloned: boolean;
  /** One short example per parameter, from the first entry of the timed pool (before any call). */
  examples: string[];
}

/** The child's final report. */
export interface ChildResult {
  variants: VariantRun[];
  inputs: TimedInputs;
  growth: GrowthPoint[] | null;
  mocks: Array<{ module: string; calls: number }>;
  /** Things the user should know that did not fail the run (inputs that threw and were dropped...). */
  warnings: string[];
  /** Set by a coverage pass. */
  coverage?: CoverageReport;
}

/** Lines the child writes on fd 3. The handshake is the first line: `ready` or `error`. */
export type ChildMessage =
  | { type: 'ready'; pid: number; nodeVersion: string; variants: string[] }
  | { type: 'error'; error: SandboxError }
  | { type: 'progress'; phase: string; fraction?: number }
  | { type: 'result'; result: ChildResult };

/** File name of the job inside the sandbox directory. */
export const JOB_FILE = 'job.json';
/** The file descriptor the child writes its messages to. */
export const MESSAGE_FD = 3;
