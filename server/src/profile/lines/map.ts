// Maps a profile from the sandbox child (positions in the esbuild bundle) back to the user's own lines
// through the bundle's inline source map, and groups what lies outside the workspace per package.
// Node's built-in SourceMap reads the map: no dependency, and the same decoder Node uses for stack traces.

import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { innermostAt, locateFunctions } from '../../locate/locate';
import type { LocatedFunction } from '../../locate/types';
import type { CalleeCost, LineCost, LineProfile, RawFrame, RawProfile } from './types';

/** The bundle a profile was taken on, and the user's text it was built from. */
export interface ProfiledBundle {
  bundlePath: string;
  /** The bundle's text, with its inline source map. */
  bundleText: string;
  /** The user's file and the text bundled for it (a baseline's source spliced in, for a baseline). */
  sourceFile: string;
  sourceText: string;
  /** Lines of the benchmarked function in `sourceText` (1-based, inclusive): its frames are not callees. */
  target: { name: string; startLine: number; endLine: number };
}

/** At most this many lines and callees are reported: the tail is noise at these tick counts. */
const MAX_LINES = 100;
const MAX_CALLEES = 30;

const NODE = 'node';
const GC = '(garbage collector)';

/** `lodash` or `@scope/pkg` from a path inside node_modules, or undefined. */
export function packageOf(path: string): string | undefined {
  const marker = `node_modules${sep}`;
  const at = path.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = path.slice(at + marker.length).split(sep);
  return parts[0].startsWith('@') && parts[1] ? `${parts[0]}/${parts[1]}` : parts[0];
}

interface Origin {
  file: string;
  /** 1-based. */
  line: number;
}

/** Reads the inline source map of an esbuild bundle; null when there is none. */
function inlineMap(bundleText: string): SourceMap | null {
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(bundleText);
  if (!m) return null;
  try {
    return new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return null;
  }
}

/** Resolves bundle positions to original files and lines. */
class Mapper {
  private readonly map: SourceMap | null;
  private readonly bundleLines: string[];
  private readonly dir: string;
  private readonly cache = new Map<number, Origin | null>();

  constructor(b: ProfiledBundle) {
    this.map = inlineMap(b.bundleText);
    this.bundleLines = b.bundleText.split('\n');
    this.dir = dirname(b.bundlePath);
  }

  /** A position (0-based line and column) in the bundle; null when the map has nothing on that line. */
  at(line0: number, column: number): Origin | null {
    if (!this.map) return null;
    const e = this.map.findEntry(line0, column) as { generatedLine?: number; originalSource?: string; originalLine?: number };
    if (e.generatedLine !== line0 || e.originalSource === undefined || e.originalLine === undefined) return null;
    return { file: resolve(this.dir, e.originalSource), line: e.originalLine + 1 };
  }

  /** A 1-based bundle line, looked up at its first non-blank character (where the statement starts). */
  line(line1: number): Origin | null {
    let o = this.cache.get(line1);
    if (o === undefined) {
      const text = this.bundleLines[line1 - 1] ?? '';
      o = this.at(line1 - 1, text.length - text.trimStart().length);
      this.cache.set(line1, o);
    }
    return o;
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Turns a raw profile into per-line costs of the user's code and callee shares. `medianNs` is the
 * timed median per call: a line's ns per call is its share of it, so the figures agree with the timing.
 */
export function mapProfile(raw: RawProfile, bundle: ProfiledBundle, medianNs: number, readText: (file: string) => string | undefined = readQuietly): LineProfile {
  const total = raw.totalTicks;
  if (total <= 0) return { lines: [], callees: [], ticks: 0 };
  const mapper = new Mapper(bundle);
  const source = resolve(bundle.sourceFile);
  const files = new Map<string, SourceFacts | null>([[source, sourceFacts(source, bundle.sourceText)]]);
  const facts = (file: string): SourceFacts | null => {
    if (!files.has(file)) {
      const text = readText(file);
      files.set(file, text === undefined ? null : sourceFacts(file, text));
    }
    return files.get(file)!;
  };
  const bundleUrl = (url: string): boolean => url === bundle.bundlePath || (url.startsWith('file:') && safePath(url) === bundle.bundlePath);
  const inTarget = (o: Origin): boolean => o.file === source && o.line >= bundle.target.startLine && o.line <= bundle.target.endLine;

  const lines = new Map<string, { file: string; line: number; ticks: number; bytes: number }>();
  const callees = new Map<string, CalleeCost & { ticks: number }>();
  const addCallee = (key: string, c: CalleeCost, ticks: number): void => {
    const e = callees.get(key) ?? { ...c, ticks: 0 };
    e.ticks += ticks;
    callees.set(key, e);
  };
  const allocPerCall = (bytes: number): number => (raw.allocCalls > 0 ? bytes / raw.allocCalls : 0);

  for (const f of raw.frames) {
    if (!bundleUrl(f.url)) {
      addOutside(f, addCallee);
      continue;
    }
    // Self ticks per original line (lines of functions V8 inlined into this one included); code of
    // bundled packages goes to its package. The frame's sampled bytes follow its ticks (see LineCost).
    const mapped: Array<[Origin, number]> = [];
    for (const [genLine, ticks] of f.lineTicks) {
      const o = mapper.line(genLine);
      const pkg = o ? packageOf(o.file) : undefined;
      if (pkg) addCallee(`pkg:${pkg}`, { name: pkg, package: pkg, selfPct: 0 }, ticks);
      else if (o) mapped.push([o, ticks]);
    }
    const fnTicks = mapped.reduce((sum, [, t]) => sum + t, 0);
    if (fnTicks === 0 && f.allocBytes > 0) {
      const start = mapper.at(f.line, f.column);
      if (start && !packageOf(start.file)) mapped.push([start, 0]);
    }
    for (const [o, ticks] of mapped) {
      const key = `${o.file}:${o.line}`;
      const e = lines.get(key) ?? { file: o.file, line: o.line, ticks: 0, bytes: 0 };
      e.ticks += ticks;
      e.bytes += fnTicks > 0 ? (f.allocBytes * ticks) / fnTicks : f.allocBytes;
      lines.set(key, e);
    }
  }
  // Workspace callees are named by the locator, as everywhere else: V8 may have inlined them.
  const named = [...lines.values()].map((e) => {
    const fx = facts(e.file);
    const fn = inTarget(e) ? bundle.target.name : (fx?.functionAt(e.line) ?? '(module)');
    if (!inTarget(e)) addCallee(`fn:${e.file}:${fn}`, { name: fn, file: e.file, selfPct: 0 }, e.ticks);
    return { ...e, fn, text: fx?.text(e.line) ?? '' };
  });
  if (raw.gcTicks > 0) addCallee('gc', { name: GC, selfPct: 0 }, raw.gcTicks);

  const pct = (ticks: number): number => round1((100 * ticks) / total);
  const lineCosts: LineCost[] = named
    .map((e) => ({
      file: e.file,
      line: e.line,
      selfPct: pct(e.ticks),
      selfNsPerCall: round1((medianNs * e.ticks) / total),
      allocBytesPerCall: Math.round(allocPerCall(e.bytes)),
      text: e.text,
      function: e.fn,
      ticks: e.ticks,
    }))
    .sort((a, b) => b.ticks - a.ticks || b.allocBytesPerCall - a.allocBytesPerCall || a.line - b.line)
    .slice(0, MAX_LINES)
    .map(({ ticks: _ticks, ...l }) => l);
  const calleeCosts: CalleeCost[] = [...callees.values()]
    .filter((c) => c.ticks > 0)
    .sort((a, b) => b.ticks - a.ticks)
    .slice(0, MAX_CALLEES)
    .map(({ ticks, ...c }) => ({ ...c, selfPct: pct(ticks) }));
  return { lines: lineCosts, callees: calleeCosts, ticks: total };
}

/** What the mapping needs of a source file: line texts and the function around a line. */
interface SourceFacts {
  text(line: number): string;
  functionAt(line: number): string | undefined;
}

function sourceFacts(file: string, text: string): SourceFacts {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  let functions: LocatedFunction[] | undefined;
  return {
    text: (line) => (lines[line - 1] ?? '').trim().slice(0, 160),
    functionAt: (line) => {
      const l = lines[line - 1];
      if (l === undefined) return undefined;
      functions ??= locateFunctions(file, text).functions;
      return innermostAt(functions, starts[line - 1] + (l.length - l.trimStart().length))?.qualifiedName;
    },
  };
}

/** A frame outside the bundle: Node's own code, V8 built-ins, or a package loaded from node_modules. */
function addOutside(f: RawFrame, add: (key: string, c: CalleeCost, ticks: number) => void): void {
  if (f.url === '' || f.url.startsWith('node:')) {
    add(`pkg:${NODE}`, { name: NODE, package: NODE, selfPct: 0 }, f.selfTicks);
    return;
  }
  const path = safePath(f.url);
  const pkg = packageOf(path);
  if (pkg) add(`pkg:${pkg}`, { name: pkg, package: pkg, selfPct: 0 }, f.selfTicks);
  else add(`fn:${path}:${f.line}:${f.name}`, { name: f.name || '(anonymous)', file: path, selfPct: 0 }, f.selfTicks);
}

function safePath(url: string): string {
  if (!url.startsWith('file:')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
