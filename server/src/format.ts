// Human-readable figures, one home for every surface: the CLI, the editor's lenses, hovers and
// diagnostics, and the history panel's webview (which bundles this file: no Node or DOM APIs here).
import type { LineDelta } from './profile/lines/types';

/** A unit to show a series of values in, and what to divide raw values by to get there. */
export interface Unit {
  name: string;
  divisor: number;
}

const TIME_UNITS: Unit[] = [
  { name: 'ns', divisor: 1 },
  { name: 'µs', divisor: 1e3 },
  { name: 'ms', divisor: 1e6 },
  { name: 's', divisor: 1e9 },
];
const BYTE_UNITS: Unit[] = [
  { name: 'B', divisor: 1 },
  { name: 'KB', divisor: 1024 },
  { name: 'MB', divisor: 1024 ** 2 },
  { name: 'GB', divisor: 1024 ** 3 },
];

// The largest unit in which `max` is still at least 1, so numbers stay between 1 and 999.
function pickUnit(units: Unit[], max: number): Unit {
  let chosen = units[0]!;
  for (const u of units) if (Math.abs(max) >= u.divisor) chosen = u;
  return chosen;
}

/** The time unit for values up to `maxNs` nanoseconds (an axis, a column). */
export const timeUnit = (maxNs: number): Unit => pickUnit(TIME_UNITS, maxNs);
/** The size unit for values up to `maxBytes` bytes. */
export const byteUnit = (maxBytes: number): Unit => pickUnit(BYTE_UNITS, maxBytes);

/** Three significant digits (no exponent for the ranges shown). */
function sig3(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

/** ns in the largest unit that keeps the number ≥ 1, three significant digits: 12.3 ns, 1.84 µs, 7.89 ms, 1.23 s. */
export function formatNs(ns: number): string {
  const u = timeUnit(ns);
  return `${sig3(ns / u.divisor)} ${u.name}`;
}

/** Bytes as whole B, else KB, MB or GB (1024-based) with three significant digits: 512 B, 1.46 KB. */
export function formatBytes(bytes: number): string {
  const u = byteUnit(bytes);
  return `${u === BYTE_UNITS[0] ? Math.round(bytes) : sig3(bytes / u.divisor)} ${u.name}`;
}

/** A fraction as a percentage with one decimal: 0.123 → `12.3%`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** The half-width of a confidence interval relative to its centre value: `±4.1%`. */
export function formatRelativeHalfWidth(ci: readonly [number, number], centre: number): string {
  return `±${formatPercent((ci[1] - ci[0]) / 2 / centre)}`;
}

/** `[3, 4, 5, 9]` → `3–5, 9`. */
export function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    let end = k;
    while (end + 1 < lines.length && lines[end + 1] === lines[end] + 1) end++;
    out.push(end > k ? `${lines[k]}–${lines[end]}` : String(lines[k]));
    k = end;
  }
  return out.join(', ');
}

/** "inputs reach 9 of 11 blocks · never ran: lines 12–14": how much of a function its timed inputs ran. */
export function coverageText(c: { covered: number; total: number; unreachedLines: number[] }): string {
  const n = c.unreachedLines.length;
  return `inputs reach ${c.covered} of ${c.total} blocks${n ? ` · never ran: line${n > 1 ? 's' : ''} ${lineRanges(c.unreachedLines)}` : ''}`;
}

/**
 * A time ratio (current / baseline) for people: a signed percentage within 2× either way (`+23.0%`, `−12.5%`),
 * and a factor beyond it, where percentages stop being readable (`×267` is 267 times the time, `÷4.0` a quarter).
 */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  const factor = (x: number): string => (x < 10 ? x.toFixed(1) : x.toFixed(0));
  if (ratio > 2) return `×${factor(ratio)}`;
  if (ratio > 0 && ratio < 0.5) return `÷${factor(1 / ratio)}`;
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
}

/** A ratio in words for sentences: `12.3% slower`, `×3.4 slower` (3.4 times the time), `×4.0 faster`. */
export function describeRatio(ratio: number): string {
  if (ratio > 2) return `×${formatRatio(ratio).slice(1)} slower`;
  if (ratio > 0 && ratio < 0.5) return `×${formatRatio(ratio).slice(1)} faster`;
  const pct = Math.abs(ratio - 1) * 100;
  return `${pct.toFixed(pct < 10 ? 1 : 0)}% ${ratio >= 1 ? 'slower' : 'faster'}`;
}

/** A p-value for people: two significant digits, and "<1e-16" where double precision runs out. */
export function formatPValue(p: number): string {
  return p < 1e-16 ? '<1e-16' : p.toPrecision(2);
}

/** `p=0.0035` or `p<1e-16`, for sentences. The one p-value text of every surface (CLI, hovers, verdicts). */
export function pValueText(p: number): string {
  const f = formatPValue(p);
  return f.startsWith('<') ? `p${f}` : `p=${f}`;
}

/** The last part of a path, for text that names a file (no node:path here: the webview bundles this file). */
const fileName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** A line's code for text: at most 80 characters. */
export function clipCode(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** How a line is named: with its code (`text`, default true) and its file's name (`file`). */
export interface LineDeltaTextOptions {
  text?: boolean;
  file?: boolean;
}

/** `line 17 (+1.90 µs/call, new): \`const copy = JSON.parse(…)\``: one line's growth, the same on every surface. */
export function lineDeltaText(d: LineDelta, opts: LineDeltaTextOptions = {}): string {
  const where = opts.file ? `${fileName(d.file)}:${d.line}` : `line ${d.line}`;
  const head = `${where} (+${formatNs(d.deltaNsPerCall)}/call${d.status === 'new' ? ', new' : ''})`;
  return opts.text === false ? head : `${head}: \`${clipCode(d.text)}\``;
}

/**
 * One sentence naming the lines that grew most (`grown`, from lines/diff.ts grownLines), or '' when none
 * did. The verdict leaves the code out (`text: false`): code is repository material, which the LLM
 * prompt only passes in its fenced data block.
 */
export function linesThatGrewText(grown: readonly LineDelta[], opts: LineDeltaTextOptions = {}): string {
  return grown.length === 0 ? '' : `Lines whose cost grew most: ${grown.map((d) => lineDeltaText(d, opts)).join('; ')}.`;
}

/** The message of something thrown (an Error's message, else the value as text). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
