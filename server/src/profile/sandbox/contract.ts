// The written contract between the server and the sandbox child: what the child is asked to do (a job
// file), and the typed messages it writes back, one JSON object per line on file descriptor 3.
// Messages are written synchronously so that even a child that dies right after still delivers them.
// The parent trusts none of it: parseChildMessage checks each line against this schema, caps its size,
// and accepts it only with the run's key, which the harness reads from stdin before user code loads.

import type { InputRecipe } from '../inputs/recipe';
import type { MockAnswers } from '../mocks/answers';
import type { ProfileJob, RawFrame, RawProfile } from '../lines/types';

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
  /**
   * Set for a profile pass: the child only profiles each variant, warm, on the timed pool (lines/pass.ts).
   * It runs in its own child after the timed one, never in it, and only inside the namespaces (lines/run.ts).
   */
  profile?: ProfileJob;
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
  /** Set by a profile pass: per variant, in job order, its profile in bundle positions (null: none). */
  profiles?: Array<RawProfile | null>;
}

/** Lines the child writes on fd 3 (each also carries the run's `key`). The handshake is the first line: `ready` or `error`. */
export type ChildMessage =
  | { type: 'ready'; pid: number; nodeVersion: string; variants: string[] }
  | { type: 'error'; error: SandboxError }
  | { type: 'progress'; phase: string; fraction?: number }
  | { type: 'result'; result: ChildResult };

/** Every error kind, in the order the CLI documents them; anything else from the child counts as `crash`. */
export const SANDBOX_ERROR_KINDS: readonly SandboxErrorKind[] = ['timeout', 'oom', 'crash', 'throws', 'unsupported-input'];

/**
 * Size caps on what the child may send. A real run sends at most `maxSamples` samples per variant
 * (3,000 by default) and a few dozen warnings; anything bigger is a flood, not a measurement.
 */
export const MESSAGE_LIMITS = {
  /** Longest line on fd 3; the parent kills a child whose line grows past it. */
  maxLineChars: 4 * 1024 * 1024,
  maxVariants: 16,
  maxGrowthPoints: 64,
  maxWarnings: 50,
  maxMocks: 200,
  maxTextChars: 2000,
  /** Frames of one profile, and lines of one frame (a real profile has a few hundred at most). */
  maxFrames: 5000,
  maxFrameLines: 10_000,
} as const;

/** A line that is not a valid message of this run, and why. */
export interface InvalidMessage {
  invalid: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNonNeg = (v: unknown): v is number => isNum(v) && v >= 0;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MESSAGE_LIMITS.maxTextChars) : undefined);

/** Compares two keys in time independent of where they differ. */
function sameKey(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < b.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/** An error from the child, its kind mapped into the contract (unknown kinds are crashes). */
export function sandboxErrorFrom(v: unknown): SandboxError {
  const e = isObj(v) ? v : {};
  const kind = SANDBOX_ERROR_KINDS.includes(e.kind as SandboxErrorKind) ? (e.kind as SandboxErrorKind) : 'crash';
  return { kind, message: text(e.message) ?? 'the sandbox reported an error without a message' };
}

function memoryFrom(v: unknown): MemoryMeasure | undefined | null {
  if (v === undefined) return undefined;
  if (!isObj(v) || !isNonNeg(v.allocatedBytesPerCall) || !isNonNeg(v.retainedBytesPerCall) || typeof v.suspectedLeak !== 'boolean') return null;
  return { allocatedBytesPerCall: v.allocatedBytesPerCall, retainedBytesPerCall: v.retainedBytesPerCall, suspectedLeak: v.suspectedLeak };
}

function variantFrom(v: unknown, maxSamples: number): VariantRun | string {
  if (!isObj(v) || typeof v.id !== 'string') return 'a variant without an id';
  if (v.mode !== 'sync' && v.mode !== 'async' && v.mode !== 'stream') return `variant ${v.id}: unknown mode`;
  if (!Array.isArray(v.samplesNs) || v.samplesNs.length === 0) return `variant ${v.id}: no samples`;
  if (v.samplesNs.length > maxSamples) return `variant ${v.id}: ${v.samplesNs.length} samples, more than the ${maxSamples} asked for`;
  if (!v.samplesNs.every(isNonNeg)) return `variant ${v.id}: a sample that is not a finite, non-negative number`;
  if (!isNonNeg(v.iterationsPerSample) || v.iterationsPerSample < 1 || !isNonNeg(v.warmupSamples)) return `variant ${v.id}: bad iteration counts`;
  const memory = memoryFrom(v.memory);
  if (memory === null) return `variant ${v.id}: malformed memory figures`;
  if (v.itemsPerSec !== undefined && !isNonNeg(v.itemsPerSec)) return `variant ${v.id}: bad items/s`;
  return {
    id: v.id.slice(0, 100),
    mode: v.mode,
    samplesNs: v.samplesNs as number[],
    iterationsPerSample: v.iterationsPerSample,
    warmupSamples: v.warmupSamples,
    ...(v.itemsPerSec !== undefined ? { itemsPerSec: v.itemsPerSec as number } : {}),
    ...(memory ? { memory } : {}),
  };
}

function resultFrom(v: unknown, maxSamples: number): ChildResult | string {
  if (!isObj(v) || !Array.isArray(v.variants) || !Array.isArray(v.mocks) || !Array.isArray(v.warnings)) return 'a result without variants, mocks or warnings';
  const L = MESSAGE_LIMITS;
  // A coverage or profile pass times nothing: it reports no variant, and a coverage report or profiles instead.
  const coverage = v.coverage === undefined ? undefined : coverageFrom(v.coverage);
  if (coverage === null) return 'a malformed coverage report';
  const profiles = v.profiles === undefined ? undefined : profilesFrom(v.profiles);
  if (profiles === null) return 'a malformed profile';
  if ((v.variants.length === 0 && !coverage && !profiles) || v.variants.length > L.maxVariants) return `${v.variants.length} variants`;
  const inputs = inputsFrom(v.inputs);
  if (!inputs) return 'malformed timed inputs';
  const variants: VariantRun[] = [];
  for (const x of v.variants) {
    const r = variantFrom(x, maxSamples);
    if (typeof r === 'string') return r;
    variants.push(r);
  }
  let growth: GrowthPoint[] | null = null;
  if (v.growth !== null && v.growth !== undefined) {
    if (!Array.isArray(v.growth) || v.growth.length > L.maxGrowthPoints) return 'a malformed growth sweep';
    growth = [];
    for (const g of v.growth) {
      if (!isObj(g) || !isNonNeg(g.n) || !isNonNeg(g.medianNs)) return 'a malformed growth point';
      growth.push({ n: g.n, medianNs: g.medianNs });
    }
  }
  if (v.mocks.length > L.maxMocks || v.warnings.length > L.maxWarnings) return 'too many mocks or warnings';
  const mocks: ChildResult['mocks'] = [];
  for (const m of v.mocks) {
    if (!isObj(m) || typeof m.module !== 'string' || !isNonNeg(m.calls)) return 'a malformed mock count';
    mocks.push({ module: m.module.slice(0, 200), calls: m.calls });
  }
  const warnings = v.warnings.map(text).filter((w): w is string => w !== undefined);
  return { variants, inputs, growth, mocks, warnings, ...(coverage ? { coverage } : {}), ...(profiles ? { profiles } : {}) };
}

function profilesFrom(v: unknown): Array<RawProfile | null> | null {
  if (!Array.isArray(v) || v.length > MESSAGE_LIMITS.maxVariants) return null;
  const out: Array<RawProfile | null> = [];
  for (const p of v) {
    if (p === null) {
      out.push(null);
      continue;
    }
    if (!isObj(p) || !isNonNeg(p.intervalUs) || !isNonNeg(p.totalTicks) || !isNonNeg(p.gcTicks) || !isNonNeg(p.allocCalls)) return null;
    if (!Array.isArray(p.frames) || p.frames.length > MESSAGE_LIMITS.maxFrames) return null;
    const frames: RawFrame[] = [];
    for (const f of p.frames) {
      // V8 gives built-ins (Array.prototype.push...) no position: line and column -1.
      const position = (x: unknown): x is number => isNum(x) && x >= -1;
      if (!isObj(f) || typeof f.url !== 'string' || typeof f.name !== 'string' || !position(f.line) || !position(f.column) || !isNonNeg(f.selfTicks) || !isNonNeg(f.allocBytes)) return null;
      if (!Array.isArray(f.lineTicks) || f.lineTicks.length > MESSAGE_LIMITS.maxFrameLines) return null;
      if (!f.lineTicks.every((t) => Array.isArray(t) && t.length === 2 && isNonNeg(t[0]) && isNonNeg(t[1]))) return null;
      frames.push({ url: text(f.url)!, name: text(f.name)!, line: f.line, column: f.column, selfTicks: f.selfTicks, allocBytes: f.allocBytes, lineTicks: f.lineTicks as Array<[number, number]> });
    }
    out.push({ intervalUs: p.intervalUs, totalTicks: p.totalTicks, gcTicks: p.gcTicks, allocCalls: p.allocCalls, frames });
  }
  return out;
}

const numbers = (v: unknown, max: number): number[] | null => (Array.isArray(v) && v.length <= max && v.every(isNonNeg) ? (v as number[]) : null);

function inputsFrom(v: unknown): TimedInputs | null {
  if (!isObj(v) || !isNonNeg(v.n) || typeof v.cloned !== 'boolean' || !Array.isArray(v.examples) || v.examples.length > MESSAGE_LIMITS.maxWarnings) return null;
  return { n: v.n, cloned: v.cloned, examples: v.examples.map((x) => text(x) ?? '') };
}

function coverageFrom(v: unknown): CoverageReport | null {
  if (!isObj(v) || !isNonNeg(v.covered) || !isNonNeg(v.total) || !isNonNeg(v.threw)) return null;
  const unreachedLines = numbers(v.unreachedLines, 100_000);
  const indices = numbers(v.indices, 100_000);
  if (!unreachedLines || !indices) return null;
  return { covered: v.covered, total: v.total, unreachedLines, indices, threw: v.threw };
}

/**
 * Parses one line from fd 3. Returns the message, or why the line is not one: not JSON, not an
 * object, not signed with this run's `key`, an unknown type, or values outside the schema or caps.
 * `maxSamples` is the job's own cap on samples per variant.
 */
export function parseChildMessage(line: string, key: string, maxSamples: number): ChildMessage | InvalidMessage {
  if (line.length > MESSAGE_LIMITS.maxLineChars) return { invalid: `a message of ${line.length} characters` };
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { invalid: 'a line that is not JSON' };
  }
  if (!isObj(raw)) return { invalid: 'a message that is not an object' };
  if (!sameKey(raw.key, key)) return { invalid: 'a message without the run key (not written by the harness)' };
  switch (raw.type) {
    case 'ready':
      if (!isNonNeg(raw.pid) || typeof raw.nodeVersion !== 'string' || !Array.isArray(raw.variants)) return { invalid: 'a malformed ready message' };
      return { type: 'ready', pid: raw.pid, nodeVersion: raw.nodeVersion.slice(0, 50), variants: raw.variants.filter((x): x is string => typeof x === 'string').slice(0, MESSAGE_LIMITS.maxVariants) };
    case 'error':
      return { type: 'error', error: sandboxErrorFrom(raw.error) };
    case 'progress':
      if (typeof raw.phase !== 'string') return { invalid: 'a progress message without a phase' };
      return { type: 'progress', phase: raw.phase.slice(0, 40), ...(isNum(raw.fraction) ? { fraction: Math.min(1, Math.max(0, raw.fraction)) } : {}) };
    case 'result': {
      const r = resultFrom(raw.result, maxSamples);
      return typeof r === 'string' ? { invalid: `a result with ${r}` } : { type: 'result', result: r };
    }
    default:
      return { invalid: `a message of unknown type ${JSON.stringify(String(raw.type)).slice(0, 40)}` };
  }
}

/** File name of the job inside the sandbox directory. */
export const JOB_FILE = 'job.json';
/** The file descriptor the child writes its messages to. */
export const MESSAGE_FD = 3;
