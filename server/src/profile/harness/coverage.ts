// The coverage pass, run in its own sandbox child before the timed one: V8 block coverage of the
// target under each candidate input (an in-process node:inspector session, Profiler.startPreciseCoverage
// with call counts and block detail), and a greedy choice of the inputs that reach the most blocks
// without throwing (as EvoSuite and Pynguin keep inputs that add coverage).
//
// Why a child of its own: code compiled while block coverage is on keeps its counters and runs several
// times slower even after coverage stops, so the timed child never turns it on. And Node's permission
// model (Node 20–24) refuses every inspector session, so this child runs without it (spawn.ts), on the
// other layers of the sandbox; it only calls the function once per candidate.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SourceMap } from 'node:module';
import type { CodeBlock, CoverageReport } from '../sandbox/contract';
import { callOnce, isStreamResult, isThenable, type Pool, type Target } from './call';
import { openSession, type Post } from './inspector';

/** What the pass needs: the target, candidate inputs, and where the function's blocks are in its source. */
export interface CoverageOptions {
  target: Target;
  candidates: Pool;
  bundlePath: string;
  sourceFile: string;
  blocks: CodeBlock[];
  /** How many inputs to keep for the timed pool. */
  keep: number;
}

interface V8Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface V8Script {
  url: string;
  functions: Array<{ ranges: V8Range[] }>;
}

/** A range in original-file coordinates, with its size in the bundle (smaller = more inner). */
interface Mapped {
  start: [number, number];
  end: [number, number];
  size: number;
  count: number;
}

const before = (a: [number, number], b: [number, number]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);

/** Block coverage, started before the bundle loads: V8 gives block counts only to code compiled after it starts. */
export interface CoverageSession {
  post: Post;
  close: () => void;
}

/** Opens an in-process inspector session and starts precise block coverage with call counts. */
export async function startCoverage(): Promise<CoverageSession> {
  const session = openSession();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  return session;
}

/** Runs every candidate once under block coverage and keeps the ones that reach the most blocks without throwing. */
export async function coveragePass(session: CoverageSession, o: CoverageOptions): Promise<CoverageReport> {
  const mapper = bundleMapper(o.bundlePath, o.sourceFile);
  const url = pathToFileURL(o.bundlePath).href;
  const take = async (): Promise<V8Script | undefined> => ((await session.post('Profiler.takePreciseCoverage')).result as V8Script[] | undefined)?.find((s) => s.url === url);
  let seen = (await take()) !== undefined; // the counts of loading the module and building the inputs
  const reached: Array<Set<number> | null> = [];
  for (let j = 0; j < o.candidates.args.length; j++) {
    let threw = false;
    try {
      const r = callOnce(o.target, o.candidates, j);
      if (isThenable(r)) await r;
      else if (isStreamResult(r)) await firstItemOf(r);
    } catch {
      threw = true;
    }
    // V8 leaves out a script with no counts since the last take: nothing of the bundle ran for this
    // candidate (or its counts were lost, as when optimised code deoptimised: the child runs with
    // --max-opt=0 for that reason). That is an empty set, not a failure of the pass.
    const script = await take();
    if (script) seen = true;
    reached.push(threw ? null : blocksReached(script, mapper, o.blocks));
  }
  if (!seen && reached.some((r) => r !== null)) throw new Error(`V8 reported no coverage for ${o.bundlePath}`);
  // Greedy: the input adding the most new blocks, until none adds any; then the rest in order.
  const chosen: number[] = [];
  const covered = new Set<number>();
  for (;;) {
    let best = -1;
    let gain = 0;
    reached.forEach((set, j) => {
      if (!set || chosen.includes(j) || chosen.length >= o.keep) return;
      let g = 0;
      for (const b of set) if (!covered.has(b)) g++;
      if (g > gain) [best, gain] = [j, g];
    });
    if (best < 0) break;
    chosen.push(best);
    for (const b of reached[best]!) covered.add(b);
  }
  reached.forEach((set, j) => {
    if (set && !chosen.includes(j) && chosen.length < o.keep) chosen.push(j);
  });
  const indices = chosen.length > 0 ? chosen : Array.from({ length: Math.min(o.keep, o.candidates.args.length) }, (_, k) => k);
  const coveredLines = new Set([...covered].map((b) => o.blocks[b].line + 1));
  const unreached = new Set<number>();
  o.blocks.forEach((b, k) => {
    if (covered.has(k)) return;
    // From the block's first statement: the line holding its `{` also holds code that ran (`if (x) {`).
    for (let line = b.line + 1; line <= b.endLine + 1; line++) if (!coveredLines.has(line)) unreached.add(line);
  });
  return { covered: covered.size, total: o.blocks.length, unreachedLines: [...unreached].sort((a, b) => a - b), indices, threw: reached.filter((r) => r === null).length };
}

async function firstItemOf(r: unknown): Promise<void> {
  const src = r as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; next?: () => unknown };
  const it = (typeof src[Symbol.asyncIterator] === 'function' ? src[Symbol.asyncIterator]!() : src) as { next(): unknown; return?: () => unknown };
  await it.next();
  if (typeof it.return === 'function') await it.return();
}

/** Block indexes whose innermost enclosing V8 range ran at least once. */
function blocksReached(script: V8Script | undefined, map: (offset: number) => [number, number] | undefined, blocks: CodeBlock[]): Set<number> {
  const out = new Set<number>();
  if (!script) return out;
  const ranges: Mapped[] = [];
  for (const f of script.functions) {
    for (const r of f.ranges) {
      const start = map(r.startOffset);
      const end = map(Math.max(r.startOffset, r.endOffset - 1));
      if (start && end) ranges.push({ start, end, size: r.endOffset - r.startOffset, count: r.count });
    }
  }
  blocks.forEach((b, k) => {
    // One character into the block's first token: mapped range starts can land a character late.
    const p: [number, number] = [b.line, b.column + 1];
    let inner: Mapped | undefined;
    for (const r of ranges) if (before(r.start, p) && before(p, r.end) && (!inner || r.size < inner.size)) inner = r;
    if (inner && inner.count > 0) out.add(k);
  });
  return out;
}

/** Maps an offset in the bundle to a 0-based [line, column] in the original file, through the bundle's inline source map. */
function bundleMapper(bundlePath: string, sourceFile: string): (offset: number) => [number, number] | undefined {
  const text = readFileSync(bundlePath, 'utf8');
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
  if (!m) return () => undefined;
  const map = new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')));
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const target = resolve(sourceFile);
  const base = dirname(bundlePath);
  const sameFile = new Map<string, boolean>();
  const isTarget = (src: string): boolean => {
    let v = sameFile.get(src);
    if (v === undefined) {
      v = (src.startsWith('file:') ? fileURLToPath(src) : resolve(base, src)) === target;
      sameFile.set(src, v);
    }
    return v;
  };
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - lineStarts[lo];
    const e = map.findEntry(lo, column) as { generatedLine?: number; generatedColumn?: number; originalSource?: string; originalLine?: number; originalColumn?: number };
    if (!e || e.originalSource === undefined || e.originalLine === undefined || !isTarget(e.originalSource)) return undefined;
    // esbuild maps tokens, not every character: between two mapped tokens on a line the text is copied
    // as is, so the distance from the nearest mapped token carries over (a range starting at `: 'odd'`).
    const delta = e.generatedLine === lo && e.generatedColumn !== undefined ? column - e.generatedColumn : 0;
    return [e.originalLine, (e.originalColumn ?? 0) + Math.max(0, delta)];
  };
}
