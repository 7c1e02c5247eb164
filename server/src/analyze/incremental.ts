// Static analysis (locate, complexity, security) that re-parses only the top-level statements an
// edit touched. typescript-estree needs ~100 ms for a 5,000-line file; an edit inside one function
// re-parses that statement alone, so lenses keep up with typing in large files.
import { parseFile } from '../locate/parse';
import { collectExports, locateNodes, type ExportSet } from '../locate/locate';
import type { LocatedFunction, Range, SyntaxProblem } from '../locate/types';
import { measureAll, measureComplexity, type ComplexityMetrics } from './complexity';
import type { SecurityFinding, SecurityOptions } from './security';

/** One function's static results (type errors come from the whole-program checker, elsewhere). */
export interface StaticFunction {
  fn: LocatedFunction;
  complexity: ComplexityMetrics;
  security: SecurityFinding[];
}

/** The results for one top-level statement and the text before it, back to the previous statement. */
interface Part {
  /** Where the part begins: the end of the previous statement (so a comment above belongs here). */
  start: number;
  /** Where the statement itself begins. */
  stmtStart: number;
  end: number;
  /** An import or top-level `require`: security rules read it to know what a name refers to. */
  context: boolean;
  functions: StaticFunction[];
  moduleSecurity: SecurityFinding[];
  exports: ExportSet;
}

/** What we keep of a file between edits. Immutable: a new edit makes a new snapshot. */
export interface StaticSnapshot {
  file: string;
  text: string;
  /** Settings the results depend on; a change forces a full analysis. */
  key: string;
  parts: Part[];
  syntaxErrors: SyntaxProblem[];
}

export interface StaticResult {
  snapshot: StaticSnapshot;
  functions: StaticFunction[];
  moduleSecurity: SecurityFinding[];
  syntaxErrors: SyntaxProblem[];
  /** True when only the edited statements were re-parsed. */
  incremental: boolean;
}

/** Runs one analyser for the report; a thrown error becomes a problem line and the fallback. */
export type Guard = <T>(what: string, run: () => T, fallback: T) => T;

/**
 * Analyses `text`, reusing `previous` (the same file before an edit) where the edit did not reach.
 * Falls back to a full analysis whenever reuse could be wrong: syntax errors, changed exports,
 * names that became duplicates, different settings.
 */
export function analyzeStatic(
  file: string,
  text: string,
  previous: StaticSnapshot | undefined,
  security: SecurityOptions,
  guard: Guard,
): StaticResult {
  const key = JSON.stringify(security);
  const reused = previous && previous.file === file && previous.key === key && previous.syntaxErrors.length === 0 ? incremental(previous, text, security, guard) : undefined;
  const snapshot = reused ?? full(file, text, key, security, guard);
  return {
    snapshot,
    functions: snapshot.parts.flatMap((p) => p.functions),
    moduleSecurity: snapshot.parts.flatMap((p) => p.moduleSecurity),
    syntaxErrors: snapshot.syntaxErrors,
    incremental: reused !== undefined,
  };
}

function full(file: string, text: string, key: string, security: SecurityOptions, guard: Guard): StaticSnapshot {
  const { parts, syntaxErrors } = analyzeRange(file, text, 0, undefined, security, guard);
  return { file, text, key, parts, syntaxErrors };
}

/**
 * Parses `text` (everything before `from` already blanked by the caller, so offsets and lines are
 * the file's own) and splits the results into parts, one per top-level statement.
 */
function analyzeRange(
  file: string,
  text: string,
  from: number,
  outsideExports: ExportSet | undefined,
  security: SecurityOptions,
  guard: Guard,
): { parts: Part[]; syntaxErrors: SyntaxProblem[]; exports: ExportSet } {
  const parsed = parseFile(file, text);
  const exports = collectExports(parsed.ast.body);
  const located = locateNodes(parsed, outsideExports ? union([outsideExports, exports]) : exports);
  // ESLint and its plugins load at the first security lint, not with the server (start-up time).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintSecurity } = require('./security') as typeof import('./security');
  const findings = guard('security lint', () => lintSecurity(file, text, security), [] as SecurityFinding[]);

  const parts: Part[] = [];
  let start = from;
  for (const stmt of parsed.ast.body) {
    // Kept context statements before the region are the caller's parts already.
    if (stmt.range[0] < from) continue;
    const context = stmt.type === 'ImportDeclaration' || stmt.type === 'TSImportEqualsDeclaration' || (stmt.type === 'VariableDeclaration' && /\brequire\s*\(/.test(text.slice(stmt.range[0], stmt.range[1])));
    parts.push({ start, stmtStart: stmt.range[0], end: stmt.range[1], context, functions: [], moduleSecurity: [], exports: collectExports([stmt]) });
    start = stmt.range[1];
  }
  const partAt = (offset: number) => parts.find((p) => offset >= p.start && offset < p.end);
  // Measure all at once (one walk, no second locate); if that fails, per function, so one bad node costs one function.
  const all = guard('complexity', () => measureAll(parsed, located), undefined);
  located.forEach((l, i) => {
    const complexity = all?.[i] ?? guard(`complexity of ${l.fn.qualifiedName}`, () => measureComplexity(parsed, l), undefined);
    if (complexity) partAt(l.fn.start)?.functions.push({ fn: l.fn, complexity, security: [] });
  });
  for (const f of findings) {
    const part = partAt(f.offset);
    if (!part) continue;
    const owner = innermost(part.functions, f.offset);
    (owner ? owner.security : part.moduleSecurity).push(f);
  }
  return { parts, syntaxErrors: parsed.syntaxErrors, exports };
}

function incremental(previous: StaticSnapshot, text: string, security: SecurityOptions, guard: Guard): StaticSnapshot | undefined {
  const old = previous.text;
  if (old === text) return previous;
  const { parts } = previous;
  const lastEnd = parts.length ? parts[parts.length - 1]!.end : 0;

  // The changed span: old [p, oldEnd) became new [p, newEnd).
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const delta = text.length - old.length;

  // Grow the region to whole parts, and its end to a line end (so later parts shift by whole
  // lines only), until it is stable. Its start needs no line alignment: the text before it is
  // blanked, not removed, so positions inside the region are the file's own.
  let rs = Math.min(p, lastEnd);
  let reOld = old.length - s;
  let first = 0;
  let last = 0;
  for (let i = 0; i < 4; i++) {
    // Parts overlapping [rs, reOld]: a part that ends at rs or before, or starts at reOld or later, is untouched.
    first = parts.findIndex((pt) => pt.end > rs);
    if (first < 0) first = parts.length;
    last = first;
    while (last < parts.length && parts[last]!.start < reOld) last++;
    const newRs = first < last ? Math.min(rs, parts[first]!.start) : rs;
    const reNew = lineEnd(text, Math.max(reOld, last > first ? parts[last - 1]!.end : reOld) + delta);
    const newReOld = reNew - delta;
    if (newRs === rs && newReOld === reOld) break;
    rs = newRs;
    reOld = newReOld;
  }
  const reNew = reOld + delta;
  if (reNew < rs || reNew > text.length) return undefined;

  const outside = [...parts.slice(0, first), ...parts.slice(last)];
  // Before the region only imports and requires stay: security rules resolve names through them.
  let padded = '';
  let at = 0;
  for (const pt of parts.slice(0, first)) {
    if (!pt.context) continue;
    padded += blank(text.slice(at, pt.stmtStart)) + text.slice(pt.stmtStart, pt.end);
    at = pt.end;
  }
  padded += blank(text.slice(at, rs)) + text.slice(rs, reNew);
  const region = analyzeRange(previous.file, padded, rs, union(outside.map((pt) => pt.exports)), security, guard);
  if (region.syntaxErrors.length > 0) return undefined;
  // A changed export list changes `exported` of functions outside the region: start over.
  if (!sameExports(region.exports, union(parts.slice(first, last).map((pt) => pt.exports)))) return undefined;

  const lineDelta = countLines(text, rs, reNew) - countLines(old, rs, reOld);
  const after = parts.slice(last).map((pt) => shiftPart(pt, delta, lineDelta));
  if (after.length > 0) after[0] = { ...after[0]!, start: region.parts.length ? region.parts[region.parts.length - 1]!.end : rs };
  const next = [...parts.slice(0, first), ...region.parts, ...after];

  // Duplicate names get `~2`, `~3` suffixes numbered across the whole file: only a full pass numbers them right.
  const names = new Set<string>();
  for (const pt of next) {
    for (const f of pt.functions) {
      if (names.has(f.fn.qualifiedName) || f.fn.qualifiedName.includes('~')) return undefined;
      names.add(f.fn.qualifiedName);
    }
  }
  return { ...previous, text, parts: next, syntaxErrors: [] };
}

function shiftPart(part: Part, delta: number, lineDelta: number): Part {
  if (delta === 0 && lineDelta === 0) return part;
  const shiftFinding = (f: SecurityFinding): SecurityFinding => ({ ...f, offset: f.offset + delta, line: f.line + lineDelta });
  return {
    ...part,
    start: part.start + delta,
    stmtStart: part.stmtStart + delta,
    end: part.end + delta,
    moduleSecurity: part.moduleSecurity.map(shiftFinding),
    functions: part.functions.map((f) => ({
      complexity: f.complexity,
      security: f.security.map(shiftFinding),
      fn: {
        ...f.fn,
        start: f.fn.start + delta,
        end: f.fn.end + delta,
        nodeStart: f.fn.nodeStart + delta,
        nodeEnd: f.fn.nodeEnd + delta,
        range: shiftRange(f.fn.range, lineDelta),
        nameRange: shiftRange(f.fn.nameRange, lineDelta),
      },
    })),
  };
}

function shiftRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

function innermost(functions: StaticFunction[], offset: number): StaticFunction | undefined {
  let best: StaticFunction | undefined;
  for (const f of functions) {
    if (offset >= f.fn.start && offset < f.fn.end && (!best || f.fn.end - f.fn.start < best.fn.end - best.fn.start)) best = f;
  }
  return best;
}

function union(sets: ExportSet[]): ExportSet {
  const out: ExportSet = { names: new Set(), scopes: new Set() };
  for (const s of sets) {
    for (const n of s.names) out.names.add(n);
    for (const n of s.scopes) out.scopes.add(n);
  }
  return out;
}

function sameExports(a: ExportSet, b: ExportSet): boolean {
  const same = (x: Set<string>, y: Set<string>) => x.size === y.size && [...x].every((v) => y.has(v));
  return same(a.names, b.names) && same(a.scopes, b.scopes);
}

/** Spaces for everything but line breaks, so offsets and lines after it are unchanged. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
