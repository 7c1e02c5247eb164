// The profiler's result and option types: what benchFunction and benchVariants take and return,
// shaped exactly like `perflens bench --json`. Re-exported by profile/index.ts.
import type { GrowthOrder } from './growth';
import type { ParamSpec } from './inputs';
import type { CalleeCost, LineCost, LineProfile } from './lines/types';
import type { GrowthPoint, MemoryMeasure, SandboxError } from './sandbox/contract';
import type { IsolationLayer } from './sandbox/isolation';

/** Options shared by benchFunction and benchVariants. */
export interface RunOptions {
  /** Measuring time in ms (default 1000): timing, memory and, with growth, the size sweep share it. */
  budgetMs?: number;
  nodePath?: string;
  timeoutMs?: number;
  heapMb?: number;
  workspaceRoot?: string;
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; fraction?: number }) => void;
  /** The child's console output, line by line (for an output channel). */
  log?: (line: string) => void;
  /** Names of further environment variables the sandbox gets (`perflens.sandbox.env`). */
  sandboxEnv?: string[];
  /** Refuse to run without operating-system isolation (`perflens.sandbox.requireIsolation`). */
  requireIsolation?: boolean;
  /** `off` skips the namespaces even where they are available (the sandbox benchmark). */
  isolation?: 'auto' | 'off';
  /** Profile the warm function after timing for per-line costs (default true). */
  lines?: boolean;
}

/** What to benchmark. */
export interface BenchOptions extends RunOptions {
  file: string;
  /** The file's text (an unsaved buffer); read from disk when absent. */
  text?: string;
  qualifiedName: string;
  /** Also fit a growth order over sizes n = 2^k. */
  growth?: boolean;
  /** Measure block coverage first and time the inputs that reach the most blocks (default true). */
  coverage?: boolean;
  /** Return the raw timing samples too (`samplesNs`), for the history. */
  keepSamples?: boolean;
}

/** Timing figures, all in ns per call (streams: to the first item). */
export interface TimingSummary {
  medianNs: number;
  meanNs: number;
  ci95Ns: [number, number];
  cv: number;
  /** Median absolute deviation of the samples (robust spread; see RunView.spread). */
  madNs: number;
  samples: number;
  iterationsPerSample: number;
  p75Ns: number;
  p99Ns: number;
  opsPerSec: number;
  /** How results were consumed: returned, awaited (time to settle), or streamed (time to first item). */
  mode: 'sync' | 'async' | 'stream';
  /** Streams only. */
  itemsPerSec?: number;
}

/** The growth order, or `not size-dependent` when no input scales with n. */
export interface GrowthSummary {
  order: GrowthOrder | 'not size-dependent';
  /** Weighted R² of the fitted model, null when no fit was made. */
  fit: number | null;
  points: GrowthPoint[];
}

/** What a run was timed on (shown = measured): the plan's parameters with examples from the timed pool. */
export interface InputsSummary {
  /** `user` when the user's own inputs (JSDoc tag or inputs.json) were applied, else `synthesized`. */
  source: 'synthesized' | 'user';
  /** The size n of the timed inputs. */
  n: number;
  /** The function changed its arguments or receiver, so every timed call got a fresh copy (made outside the timed region). */
  inputsCloned: boolean;
  params: ParamSpec[];
}

/** One benchmark, shaped exactly like `perflens bench --json`. Every key is always present. */
export interface BenchResult {
  function: string;
  status: 'ok' | 'error';
  error: SandboxError | null;
  inputs: InputsSummary;
  timing: TimingSummary | null;
  memory: MemoryMeasure | null;
  growth: GrowthSummary | null;
  mocks: Array<{ module: string; calls: number }>;
  /** Non-fatal notes: inputs that threw and were dropped, a measurement that hit its limits. */
  warnings: string[];
  /** ns per call of each timing sample, in the order taken: only when asked for (`keepSamples`). */
  samplesNs?: number[];
  /** V8 block coverage of the function under the timed inputs; null when it was not measured. */
  coverage: CoverageSummary | null;
  /** What held the function: OS namespaces plus the permission model, or the permission model alone (docs/security.md). */
  isolation: IsolationLayer;
  /** Per-line cost of the function and the functions it calls in the workspace, hottest first ([] when not profiled). */
  lines: LineCost[];
  /** Where the rest of the time goes: workspace callees, packages, Node, GC ([] when not profiled). */
  callees: CalleeCost[];
}

/** How much of the function the timed inputs ran. */
export interface CoverageSummary {
  /** Blocks reached by at least one timed input. */
  covered: number;
  /** Blocks in the function (body, branches, loop bodies, cases, callbacks...). */
  total: number;
  /** 1-based lines of the blocks no timed input reached. */
  unreachedLines: number[];
  /** 1-based line the function started on when measured: the editor moves the lines with the function. */
  firstLine?: number;
}

/** One version in an interleaved comparison. */
export interface VariantSpec {
  /** Caller's name, e.g. `baseline` or `candidate`. */
  id: string;
  /** Source text spliced over the function's declaration (a baseline version in today's module); absent = the file as is. */
  replacementText?: string;
}

/** Options of an interleaved comparison: one function, several versions, one child, the same inputs. */
export interface VariantsOptions extends RunOptions {
  file: string;
  text?: string;
  qualifiedName: string;
  variants: VariantSpec[];
}

/** Per-version figures of a comparison, with the raw samples the statistics need. */
export interface VariantResult {
  id: string;
  timing: TimingSummary;
  /** ns per call of each sample, in the order taken. */
  samplesNs: number[];
  memory: MemoryMeasure | null;
  /** Per-line costs of this version, or null when it was not profiled. */
  profile: LineProfile | null;
}

/** Result of benchVariants. */
export interface VariantsResult {
  function: string;
  status: 'ok' | 'error';
  error: SandboxError | null;
  inputs: InputsSummary;
  variants: VariantResult[];
  mocks: Array<{ module: string; calls: number }>;
  warnings: string[];
  isolation: IsolationLayer;
}
