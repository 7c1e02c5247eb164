// Display strings for the history panel: the shared formatters (server/src/format.ts, the same as the
// lens, hover and CLI use) with an em dash for a missing value, plus dates and version names.
import type { HistoryVersion } from '../../../../server/src/protocol';
import * as shared from '../../../../server/src/format';

export { byteUnit, timeUnit, type Unit } from '../../../../server/src/format';

/** `1.23 ms` from nanoseconds; an em dash when there is no value. */
export const formatNs = (ns: number | undefined): string => (ns === undefined ? '—' : shared.formatNs(ns));

/** `12.0 KB` from bytes; an em dash when there is no value. */
export const formatBytes = (bytes: number | undefined): string => (bytes === undefined ? '—' : shared.formatBytes(bytes));

/** Percent with one decimal from a fraction (0.123 → `12.3%`); an em dash when there is no value. */
export const percent = (f: number | undefined): string => (f === undefined ? '—' : shared.formatPercent(f));

/** `2026-11-02` from an ISO date; the input itself when it is not a date. */
export function shortDate(iso: string | undefined): string {
  if (!iso) return '—';
  const m = /^\d{4}-\d{2}-\d{2}/.exec(iso);
  return m ? m[0] : iso;
}

/** How a version is named on the x-axis and in the table: the server's label (short commit, `working tree · <hash>`, date). */
export function versionLabel(v: HistoryVersion): string {
  return v.label;
}

/** `±4.1%` style relative half-width of a confidence interval around the median. */
export function ciRelative(v: HistoryVersion): string {
  if (!v.ci95Ns || v.medianNs === undefined || v.medianNs === 0) return '';
  return shared.formatRelativeHalfWidth(v.ci95Ns, v.medianNs);
}
