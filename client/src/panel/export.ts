// Turns a function's history into the CSV and JSON files the panel's Export buttons save.
// Raw units (nanoseconds, bytes) so spreadsheets and scripts get exact numbers, not display strings.
import type { HistoryView } from '../../../server/src/protocol';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'index',
  'versionId',
  'hash',
  'commit',
  'firstSeen',
  'lastRun',
  'medianNs',
  'ci95LowNs',
  'ci95HighNs',
  'spread',
  'workingTree',
  'allocatedBytesPerCall',
  'growthOrder',
  'cyclomatic',
  'cognitive',
  'baselines',
  'recommendation',
  'score',
  'verdictSource',
  'confidence',
  'reasoning',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR at the start) gets a leading `'`: function names and LLM reasoning are untrusted.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The history as CSV: a header line, then one line per version, oldest first; CRLF line ends. */
export function historyToCsv(view: HistoryView): string {
  const lines = [CSV_COLUMNS.join(',')];
  view.versions.forEach((v, i) => {
    const row: Array<string | number | undefined> = [
      i,
      v.id,
      v.hash,
      v.commit,
      v.firstSeen,
      v.lastRun,
      v.medianNs,
      v.ci95Ns?.[0],
      v.ci95Ns?.[1],
      v.spread,
      v.workingTree ? 'yes' : undefined,
      v.allocatedBytesPerCall,
      v.growthOrder,
      v.cyclomatic,
      v.cognitive,
      v.baselines.join(' '),
      v.verdict?.recommendation,
      v.verdict?.score,
      v.verdict?.source,
      v.verdict?.confidence,
      v.verdict?.reasoning,
    ];
    lines.push(row.map(csvCell).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/** The history as pretty-printed JSON (the same shape the server sent). */
export function historyToJson(view: HistoryView): string {
  return JSON.stringify(view, null, 2) + '\n';
}

/** A file name for the export: the qualified name reduced to safe characters. */
export function exportFileName(view: HistoryView, format: 'csv' | 'json'): string {
  const base = view.qualifiedName.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80) || 'function';
  return `${base}-history.${format}`;
}
