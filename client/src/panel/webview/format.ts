// Display strings for the history panel: times, sizes, version labels. Pure functions, no DOM.
import type { HistoryVersion } from '../../../../server/src/protocol';

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

// The largest unit in which `max` is still at least 1, so axis numbers stay between 1 and 999.
function pickUnit(units: Unit[], max: number): Unit {
  let chosen = units[0]!;
  for (const u of units) if (Math.abs(max) >= u.divisor) chosen = u;
  return chosen;
}

/** The time unit for an axis whose largest value is `maxNs` nanoseconds. */
export const timeUnit = (maxNs: number): Unit => pickUnit(TIME_UNITS, maxNs);
/** The size unit for an axis whose largest value is `maxBytes` bytes. */
export const byteUnit = (maxBytes: number): Unit => pickUnit(BYTE_UNITS, maxBytes);

// Three significant digits (no exponent for the ranges we show).
function num3(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return x.toFixed(digits);
}

/** `1.23 ms` from nanoseconds; an em dash when there is no value. */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined) return '—';
  const u = timeUnit(ns);
  return `${num3(ns / u.divisor)} ${u.name}`;
}

/** `12.0 KB` from bytes; an em dash when there is no value. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  const u = byteUnit(bytes);
  return `${u === BYTE_UNITS[0] ? Math.round(bytes) : num3(bytes / u.divisor)} ${u.name}`;
}

/** `2026-11-02` from an ISO date; the input itself when it is not a date. */
export function shortDate(iso: string | undefined): string {
  if (!iso) return '—';
  const m = /^\d{4}-\d{2}-\d{2}/.exec(iso);
  return m ? m[0] : iso;
}

/** How a version is named on the x-axis and in the table: short commit, else first-seen date, else hash. */
export function versionLabel(v: HistoryVersion): string {
  if (v.commit) return v.commit.slice(0, 7);
  const d = shortDate(v.firstSeen);
  return d !== '—' ? d : v.hash.slice(0, 7);
}

/** `±4.1 %` style relative half-width of a confidence interval around the median. */
export function ciRelative(v: HistoryVersion): string {
  if (!v.ci95Ns || v.medianNs === undefined || v.medianNs === 0) return '';
  const half = (v.ci95Ns[1] - v.ci95Ns[0]) / 2;
  return `±${num3((half / v.medianNs) * 100)} %`;
}

/** Percent with one decimal from a fraction (0.123 → `12.3 %`). */
export const percent = (f: number | undefined): string => (f === undefined ? '—' : `${(f * 100).toFixed(1)} %`);
