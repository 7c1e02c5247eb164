// The profile pass, run in a sandbox child of its own after the timed child (never inside it): V8's
// sampling CPU profiler and its sampling heap profiler, reached through an in-process node:inspector
// session, while the harness calls the warmed-up function in a loop. The child keeps only what the engine
// needs: the frames of the bundle (user code) and of what they call, with ticks per line and sampled bytes.
// Node's permission model refuses inspector sessions, so this child runs without it, and therefore only
// where the OS namespaces hold (lines/run.ts decides; docs/security.md).

import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeSampler, poolArity } from '../harness/call';
import { openSession, type Post } from '../harness/inspector';
import { takeSample, type TimedVariant } from '../harness/measure';
import type { ProfileJob, RawFrame, RawProfile } from './types';

/** The subset of the CDP profile types the pass reads. */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  positionTicks?: Array<{ line: number; ticks: number }>;
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const GC = '(garbage collector)';

/** Frames keyed by function identity (url, name, start), merged across chunks and with the heap profile. */
export class Frames {
  private readonly byKey = new Map<string, RawFrame & { lines: Map<number, number> }>();
  constructor(private readonly isUser: (url: string) => boolean) {}

  get(cf: CallFrame): RawFrame & { lines: Map<number, number> } {
    // The CPU profile names scripts by file URL, the heap profile by path: one key for both.
    const url = cf.url.startsWith('file:') ? fileURLToPath(cf.url) : cf.url;
    const key = `${url}\u0000${cf.functionName}\u0000${cf.lineNumber}\u0000${cf.columnNumber}`;
    let f = this.byKey.get(key);
    if (!f) {
      f = { url, name: cf.functionName, line: cf.lineNumber, column: cf.columnNumber, selfTicks: 0, lineTicks: [], allocBytes: 0, lines: new Map() };
      this.byKey.set(key, f);
    }
    return f;
  }

  user(url: string): boolean {
    return this.isUser(url);
  }

  list(): RawFrame[] {
    return [...this.byKey.values()].map(({ lines, ...f }) => ({ ...f, lineTicks: [...lines.entries()] }));
  }
}

/**
 * Adds a CPU profile's ticks to `frames`: frames of user code, and frames called (directly or not) by
 * user code. Everything else (the harness loop, idle time) is left out. Returns [ticks counted, GC ticks].
 */
export function addCpuProfile(frames: Frames, nodes: CpuNode[]): [number, number] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const childIds = new Set(nodes.flatMap((n) => n.children ?? []));
  let counted = 0;
  let gc = 0;
  const visit = (n: CpuNode, underUser: boolean): void => {
    const inUser = underUser || frames.user(n.callFrame.url);
    const hits = n.hitCount ?? 0;
    if (n.callFrame.functionName === GC) gc += hits;

    else if (inUser && hits > 0) {
      const f = frames.get(n.callFrame);
      f.selfTicks += hits;
      counted += hits;
      if (frames.user(n.callFrame.url)) for (const p of n.positionTicks ?? []) f.lines.set(p.line, (f.lines.get(p.line) ?? 0) + p.ticks);
    }
    for (const c of n.children ?? []) {
      const child = byId.get(c);
      if (child) visit(child, inUser);
    }
  };
  for (const n of nodes) if (!childIds.has(n.id)) visit(n, false);
  return [counted + gc, gc];
}

/** Adds a sampling heap profile's bytes to `frames`, with the same notion of "inside the function". */
export function addHeapProfile(frames: Frames, head: HeapNode): void {
  const visit = (n: HeapNode, underUser: boolean): void => {
    const inUser = underUser || frames.user(n.callFrame.url);
    if (inUser && n.selfSize > 0) frames.get(n.callFrame).allocBytes += n.selfSize;
    for (const c of n.children) visit(c, inUser);
  };
  visit(head, false);
}

/** Calls the variant in samples of its calibrated size until `ms` have passed (at least once); returns calls made. */
async function runFor(v: TimedVariant, ms: number): Promise<number> {
  const end = now() + ms;
  let calls = 0;
  do {
    await takeSample(v);
    calls += v.iters;
  } while (now() < end);
  return calls;
}

/** Creates the frame table for the bundles of a run (user code is what they contain). */
export function framesFor(bundlePaths: string[]): Frames {
  const urls = new Set(bundlePaths.flatMap((p) => [p, pathToFileURL(p).href]));
  return new Frames((url) => urls.has(url));
}

/** A variant to profile: its warm timing state and the bundle its code comes from. */
export interface ProfileTarget {
  variant: TimedVariant;
  bundlePath: string;
}

/** The pass's inspector session, opened before any user module loads; an Error when Node refuses one. */
export function openProfileSession(): ReturnType<typeof openSession> | Error {
  try {
    return openSession();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return new Error(err.code === 'ERR_ACCESS_DENIED' ? "Node's permission model forbids the inspector session the profiler needs" : `the inspector is unavailable (${err.message})`);
  }
}

/**
 * Profiles warm variants: for each, CPU ticks until `job.minTicks` fell in the function or `job.maxMs`
 * is spent; then, for each, allocation sampling for `job.heapMs`. Returns a profile or the reason
 * there is none, per variant. A TargetThrows from the function escapes. Closes the session.
 */
export async function profileVariants(session: ReturnType<typeof openSession> | Error, targets: ProfileTarget[], job: ProfileJob): Promise<Array<RawProfile | Error>> {
  if (session instanceof Error) return targets.map(() => session);
  const { post, close } = session;
  try {
    const profiles = targets.map((t) => ({ frames: framesFor([t.bundlePath]), total: 0, gc: 0, allocCalls: 0, loop: separateFrame(t.variant) }));
    // Each loop runs a while before any profiler starts: the function's own code gets optimised again.
    for (const p of profiles) await runFor(p.loop, job.warmMs);
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: job.intervalUs });
    for (const p of profiles) [p.total, p.gc] = await cpuPass(post, p.frames, p.loop, job);
    await post('Profiler.disable');

    await post('HeapProfiler.enable');
    for (const p of profiles) {
      // Objects the collector freed count too: we want bytes allocated, not bytes alive at the end.
      await post('HeapProfiler.startSampling', { samplingInterval: job.heapIntervalBytes, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      p.allocCalls = await runFor(p.loop, job.heapMs);
      const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
      addHeapProfile(p.frames, profile.head);
    }
    await post('HeapProfiler.disable');
    return profiles.map((p) => ({ intervalUs: job.intervalUs, totalTicks: p.total, gcTicks: p.gc, allocCalls: p.allocCalls, frames: p.frames.list() }));
  } finally {
    close();
  }
}

/**
 * The variant with a fresh timed loop that calls the function through a Proxy. V8 reports code it
 * inlined under the frame it was inlined into, and the timed loop inlines small functions: their
 * ticks and allocations would land in the harness. A call through a Proxy is never inlined, so the
 * function keeps its own frame, while what it calls is still inlined into it as in the timed run.
 * (Field access reads the function off each instance; there the loop's inlining stays possible.)
 */
function separateFrame(v: TimedVariant): TimedVariant {
  const t = v.target;
  const target = t.access.mode === 'field' || typeof t.fn !== 'function' ? t : { ...t, fn: new Proxy(t.fn, {}) };
  return { ...v, target, samples: [], sampler: makeSampler(target, v.probe.mode, poolArity(v.probe.pool), v.probe.streamKind) };
}

/** CPU profile of one variant, in chunks: the first sizes the rest from the tick rate it saw. Returns [ticks, GC ticks]. */
async function cpuPass(post: Post, frames: Frames, v: TimedVariant, job: ProfileJob): Promise<[number, number]> {
  const start = now();
  let total = 0;
  let gc = 0;
  let chunkMs = Math.min(200, job.maxMs);
  for (;;) {
    await post('Profiler.start');
    await runFor(v, chunkMs);
    const { profile } = (await post('Profiler.stop')) as { profile: { nodes: CpuNode[] } };
    const [t, g] = addCpuProfile(frames, profile.nodes);
    total += t;
    gc += g;
    const spent = now() - start;
    if (total >= job.minTicks || spent >= job.maxMs) return [total, gc];
    const rate = total / Math.max(spent, 1);
    chunkMs = Math.min(job.maxMs - spent, rate > 0 ? (job.minTicks - total) / rate : job.maxMs);
  }
}
