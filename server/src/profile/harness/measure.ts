// The timing harness that runs inside the sandbox child: probe the inputs, calibrate iterations per
// sample, warm up until stable, then take samples (interleaved in blocks when several variants run).
// Time comes from process.hrtime.bigint(); no GC is forced anywhere inside a timed region.

import type { CallMode } from '../sandbox/contract';
import { arrayPush, nowNs, safeSetImmediate, SafeMath, SafeNumber, sortedNumbers } from './intrinsics';
import { callOnce, isStreamResult, isThenable, makeSampler, poolArity, poolForSampling, type Pool, type Sampler, type Target } from './call';
import { cloneDeep, fingerprint, freshCopies } from './fresh';

/** Most calls per sample when every call gets fresh inputs: the copies are made up front and must fit in memory. */
export const MAX_FRESH_CALLS = 2048;

/** Why a target could not be timed: every input threw (or the stack overflowed). */
export class TargetThrows extends Error {
  override name = 'TargetThrows';
  constructor(
    message: string,
    /** The first error the function threw. */
    override readonly cause: unknown,
    /** Every input failed with a stack overflow. */
    readonly stackOverflow: boolean,
    /** Every input failed with a ReferenceError (a hoisted nested function missing its scope). */
    readonly referenceError: boolean,
  ) {
    super(message);
  }
}

/** What probing found: how to consume results, and the inputs that did not throw. */
export interface ProbeResult {
  mode: CallMode;
  streamKind: 'sync' | 'async';
  pool: Pool;
  /** Messages of inputs that threw and were dropped from the pool. */
  dropped: string[];
  /**
   * A call changed its arguments or receiver: `pool` then holds pristine copies taken before probing,
   * and every timed call gets its own copy of one (made outside the timed region).
   */
  mutates: boolean;
}

/** A short, single-line description of a thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0].slice(0, 300);
  try {
    return `non-Error value thrown: ${String(e)}`.slice(0, 300);
  } catch {
    return 'non-Error value thrown';
  }
}

/**
 * Calls the target once per pool entry (awaiting promises) to learn the call mode and drop inputs
 * that throw. Throws TargetThrows when no input works.
 */
export async function probe(target: Target, pool: Pool, name: string): Promise<ProbeResult> {
  let mode: CallMode | undefined;
  let streamKind: 'sync' | 'async' = 'async';
  const keep: number[] = [];
  const dropped: string[] = [];
  const errors: unknown[] = [];
  // Copies taken before any call: what the function is timed on if a call turns out to mutate its inputs.
  const pristine: Pool = { args: pool.args.map((a) => cloneDeep(a)), receivers: pool.receivers.map((r) => cloneDeep(r)) };
  let mutates = false;
  for (let j = 0; j < pool.args.length; j++) {
    const before = mutates ? undefined : { args: fingerprint(pool.args[j]), receiver: fingerprint(pool.receivers[j]) };
    try {
      const r = callOnce(target, pool, j);
      if (mode === undefined) {
        if (isStreamResult(r)) {
          mode = 'stream';
          streamKind = Object.prototype.toString.call(r) === '[object Generator]' ? 'sync' : 'async';
        } else mode = isThenable(r) ? 'async' : 'sync';
      }
      if (isThenable(r)) await r;
      else if (mode === 'stream' && isStreamResult(r)) await firstItem(r);
      keep.push(j);
      if (before && (fingerprint(pool.args[j]) !== before.args || fingerprint(pool.receivers[j]) !== before.receiver)) mutates = true;
    } catch (e) {
      errors.push(e);
      dropped.push(`input #${j}: ${describeError(e)}`);
    }
  }
  if (keep.length === 0) {
    const first = errors[0];
    const all = (pred: (e: unknown) => boolean): boolean => errors.length > 0 && errors.every(pred);
    const overflow = all((e) => e instanceof RangeError && /call stack/i.test(e.message));
    const refErr = all((e) => e instanceof ReferenceError);
    throw new TargetThrows(`${name} threw for every one of ${pool.args.length} inputs; first: ${describeError(first)}`, first, overflow, refErr);
  }
  const source = mutates ? pristine : pool;
  return {
    mode: mode ?? 'sync',
    streamKind,
    pool: poolForSampling({ args: keep.map((j) => source.args[j]), receivers: keep.map((j) => source.receivers[j]) }),
    dropped,
    mutates,
  };
}

async function firstItem(r: unknown): Promise<void> {
  const src = r as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; next?: () => unknown; return?: () => unknown };
  const it = (typeof src[Symbol.asyncIterator] === 'function' ? src[Symbol.asyncIterator]!() : src) as { next(): unknown; return?: () => unknown };
  await it.next();
  if (typeof it.return === 'function') await it.return();
}

/** One variant being timed. */
export interface TimedVariant {
  id: string;
  target: Target;
  probe: ProbeResult;
  sampler: Sampler;
  iters: number;
  cursor: number;
  warmupSamples: number;
  /** ns per call, per kept sample. */
  samples: number[];
}

/** Builds the timed state of a probed variant. */
export function timedVariant(id: string, target: Target, p: ProbeResult): TimedVariant {
  return {
    id,
    target,
    probe: p,
    sampler: makeSampler(target, p.mode, poolArity(p.pool), p.streamKind),
    iters: 1,
    cursor: 0,
    warmupSamples: 0,
    samples: [],
  };
}

/** Takes one sample of `v` at its current iteration count; returns ns for the whole sample. */
export async function takeSample(v: TimedVariant, iters = v.iters): Promise<number> {
  const { args, receivers } = v.probe.pool;
  let ns: number;
  if (v.probe.mutates) {
    // One fresh copy per call, made before the clock starts; the sampler walks them from 0.
    const copies = sampleInputs(v, iters);
    ns = SafeNumber(await v.sampler(iters, 0, copies.args, copies.receivers, copies.args.length));
  } else {
    ns = SafeNumber(await v.sampler(iters, v.cursor, args, receivers, args.length));
  }
  v.cursor = (v.cursor + iters) % v.probe.pool.args.length;
  return ns;
}

/** Fresh copies for the next `iters` calls of a mutating variant, padded to a power of two for the sampler's mask. */
export function sampleInputs(v: TimedVariant, iters: number): Pool {
  let len = 1;
  while (len < iters) len *= 2;
  return freshCopies(v.probe.pool, v.cursor, iters, len);
}

/** Grows the iteration count until one sample lasts at least `targetNs` (or one call already does). */
export async function calibrate(v: TimedVariant, targetNs: number): Promise<void> {
  // Empty runs first, so the sampler has type feedback everywhere before V8 optimises it in the
  // middle of its first long loop. V8 allocates a feedback vector only after several calls: twenty.
  const { args, receivers } = v.probe.pool;
  for (let k = 0; k < 20; k++) await v.sampler(0, 0, args, receivers, args.length);
  let iters = SafeMath.max(1, v.iters);
  for (;;) {
    const ns = await takeSample(v, iters);
    if (ns >= targetNs || iters >= (v.probe.mutates ? MAX_FRESH_CALLS : 1e9)) break;
    const factor = ns <= 0 ? 10 : SafeMath.min(10, SafeMath.max(1.5, (targetNs * 1.2) / ns));
    iters = SafeMath.ceil(iters * factor);
    if (v.probe.mutates) iters = SafeMath.min(iters, MAX_FRESH_CALLS);
  }
  v.iters = iters;
}

// The harness's own clock (intrinsics.ts): user code that replaces process.hrtime cannot move it.
const now = nowNs;

/**
 * Lets the event loop turn (timers, I/O callbacks, unhandled-rejection checks) between samples, never
 * inside one: what the function scheduled runs, and its failures surface, outside the timed region.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((r) => safeSetImmediate(r));
}

/**
 * Warm-up until stable: samples until the median of the last five is within 3% of the five before
 * (JIT tiers settled), or until `maxMs`. Re-calibrates once the code is fast.
 */
export async function warmUp(v: TimedVariant, targetNs: number, maxMs: number): Promise<void> {
  const end = now() + maxMs * 1e6;
  const recent: number[] = [];
  const med = (xs: number[]): number => sortedNumbers(xs)[xs.length >> 1];
  while (now() < end && recent.length < 200) {
    arrayPush(recent, (await takeSample(v)) / v.iters);
    v.warmupSamples++;
    await yieldToEventLoop();
    if (recent.length >= 10) {
      const a = med(recent.slice(-10, -5));
      const b = med(recent.slice(-5));
      if (SafeMath.abs(a - b) <= 0.03 * SafeMath.max(a, b)) break;
    }
  }
  // Optimised code is faster than what calibration saw: keep samples far above timer resolution.
  const last = recent.length > 0 ? recent[recent.length - 1] * v.iters : targetNs;
  if (last < targetNs / 2) await calibrate(v, targetNs);
}

/** Limits of the sampling phase. */
export interface SamplingLimits {
  budgetMs: number;
  minSamples: number;
  maxSamples: number;
  /** Samples per variant per block when interleaving. */
  blockSize?: number;
  onProgress?: (fraction: number) => void;
}

/**
 * Takes samples of every variant in alternating blocks (A B, then B A, ...) on the same inputs, so
 * drift in machine speed affects all variants alike. Stops when the budget is spent and every
 * variant has `minSamples`, or when every variant has `maxSamples`.
 */
export async function sampleInterleaved(vs: TimedVariant[], limits: SamplingLimits): Promise<void> {
  const start = now();
  const end = start + limits.budgetMs * 1e6;
  const block = limits.blockSize ?? (vs.length > 1 ? 5 : 1_000_000);
  let round = 0;
  let lastReport = start;
  for (;;) {
    const order = round % 2 === 0 ? vs : [...vs].reverse();
    for (const v of order) {
      for (let b = 0; b < block; b++) {
        arrayPush(v.samples, (await takeSample(v)) / v.iters);
        await yieldToEventLoop();
        const t = now();
        const enough = vs.every((x) => x.samples.length >= limits.minSamples);
        if ((t >= end && enough) || vs.every((x) => x.samples.length >= limits.maxSamples)) return;
        if (v.samples.length >= limits.maxSamples) break;
        if (limits.onProgress && t - lastReport > 100e6) {
          lastReport = t;
          limits.onProgress(SafeMath.min(1, (t - start) / (end - start)));
        }
      }
    }
    round++;
  }
}

/**
 * Items per second when draining one stream result, capped at `maxItems` items or `maxMs`.
 * Measured apart from the time-to-first-item samples.
 */
export async function streamThroughput(v: TimedVariant, maxItems = 100_000, maxMs = 250): Promise<number> {
  const r = callOnce(v.target, v.probe.mutates ? sampleInputs(v, 1) : v.probe.pool, 0) as {
    [Symbol.asyncIterator]?: () => AsyncIterator<unknown>;
    next?: () => IteratorResult<unknown> | Promise<IteratorResult<unknown>>;
    return?: () => unknown;
  };
  const it = (typeof r[Symbol.asyncIterator] === 'function' ? r[Symbol.asyncIterator]!() : r) as {
    next(): IteratorResult<unknown> | Promise<IteratorResult<unknown>>;
    return?: () => unknown;
  };
  const sync = v.probe.streamKind === 'sync';
  const t0 = now();
  const end = t0 + maxMs * 1e6;
  let items = 0;
  for (;;) {
    const step = sync ? (it.next() as IteratorResult<unknown>) : await it.next();
    if (step.done) break;
    if (++items >= maxItems || ((items & 63) === 0 && now() > end)) break;
  }
  const elapsed = now() - t0;
  if (typeof it.return === 'function') await it.return();
  return elapsed > 0 ? (items * 1e9) / elapsed : 0;
}
