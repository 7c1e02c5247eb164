// Memory per call, measured in the child after timing: bytes allocated (heap growth plus what the
// collector reclaimed meanwhile, read from v8.GCProfiler) and bytes retained after a full GC.
// GC is forced only around these untimed runs, never inside a timing sample.

import v8 from 'node:v8';
import type { MemoryMeasure } from '../sandbox/contract';
import { SafeMath } from './intrinsics';
import { MAX_FRESH_CALLS, sampleInputs, takeSample, type TimedVariant } from './measure';

type GcFn = () => void;

function forceGc(): void {
  const gc = (globalThis as { gc?: GcFn }).gc;
  if (!gc) throw new Error('the sandbox child was started without --expose-gc');
  gc();
  gc();
}

const used = (): number => v8.getHeapStatistics().used_heap_size;

interface GcStat {
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

/** Runs `calls` calls in slices of at most the variant's iteration count (so async targets stay bounded). */
async function run(v: TimedVariant, calls: number): Promise<void> {
  let left = calls;
  while (left > 0) {
    const k = SafeMath.min(left, SafeMath.max(1, v.iters));
    await takeSample(v, k);
    left -= k;
  }
}

/** Bytes `work` allocated: heap growth plus what the collector reclaimed meanwhile. */
async function allocatedBy(work: () => Promise<void>): Promise<number> {
  forceGc();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const h0 = used();
  await work();
  const h1 = used();
  const stats = (profiler.stop()?.statistics ?? []) as unknown as GcStat[];
  let reclaimed = 0;
  for (const s of stats) reclaimed += SafeMath.max(0, s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize);
  return SafeMath.max(0, h1 - h0 + reclaimed);
}

/** Calls `each(k)` for slices of k ≤ the variant's iteration count that add up to `calls`. */
function forSlices(v: TimedVariant, calls: number, each: (k: number) => unknown): void {
  for (let left = calls; left > 0; ) {
    const k = SafeMath.min(left, SafeMath.max(1, v.iters));
    each(k);
    left -= k;
  }
}

/**
 * Measures allocation and retention of a warmed-up variant. `perCallNs` sizes the runs (about
 * 50 ms each). A leak is suspected when each of three growing rounds retains memory per call.
 */
export async function measureMemory(v: TimedVariant, perCallNs: number): Promise<MemoryMeasure> {
  // Fresh inputs are copied for every call: cap the calls so copying stays a small part of the run.
  const cap = v.probe.mutates ? 4 * MAX_FRESH_CALLS : 200_000;
  const calls = SafeMath.max(10, SafeMath.min(cap, SafeMath.round(50e6 / SafeMath.max(perCallNs, 1))));

  // Fresh inputs are allocated between samples, not by the function: measured alone and taken off.
  const copies = v.probe.mutates ? await allocatedBy(async () => void forSlices(v, calls, (k) => sampleInputs(v, k))) : 0;
  const allocated = SafeMath.max(0, ((await allocatedBy(() => run(v, calls))) - copies) / calls);

  // Retention: three rounds of growing length; memory that stays after GC in every round is a leak.
  const perRound: number[] = [];
  let totalRetained = 0;
  let totalCalls = 0;
  // A leaking function keeps everything it allocates: cap each round at about 16 MB of allocation.
  const base = SafeMath.max(10, SafeMath.min(calls, SafeMath.floor((16 * 1024 * 1024) / SafeMath.max(allocated, 1))));
  for (let round = 0; round < 3; round++) {
    const k = base * (round + 1);
    forceGc();
    const r0 = used();
    await run(v, k);
    forceGc();
    const r1 = used();
    perRound.push((r1 - r0) / k);
    totalRetained += r1 - r0;
    totalCalls += k;
  }
  const retained = SafeMath.max(0, totalRetained / totalCalls);
  // 4 bytes/call in every round, and at least 64 KB overall: less is noise from JIT code and caches.
  const suspectedLeak = perRound.every((b) => b >= 4) && totalRetained >= 64 * 1024;
  return {
    allocatedBytesPerCall: SafeMath.round(allocated),
    retainedBytesPerCall: SafeMath.round(retained),
    suspectedLeak,
  };
}
