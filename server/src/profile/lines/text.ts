// Words for the lines whose cost grew: one function feeds the rules' reasoning, the LLM prompt and
// `perflens check --report`, so every surface names the same lines the same way.

import { basename } from 'node:path';
import { formatNs } from '../../format';
import type { LineDelta } from './types';

/** How many grown lines the verdict and the CI report name. */
export const GROWN_LINES = 3;

/** The lines that grew most (at most `n`, only growth), largest first. */
export function grownLines(deltas: readonly LineDelta[], n = GROWN_LINES): LineDelta[] {
  return deltas.filter((d) => d.deltaNsPerCall > 0).slice(0, n);
}

/** line 17 (+1.90 µs/call, new): `const copy = JSON.parse(…)`; with `file`, the file name leads. */
export function describeLineDelta(d: LineDelta, opts: { file?: boolean } = {}): string {
  const where = opts.file ? `${basename(d.file)}:${d.line}` : `line ${d.line}`;
  const status = d.status === 'new' ? ', new' : '';
  const text = d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text;
  return `${where} (+${formatNs(d.deltaNsPerCall)}/call${status}): \`${text}\``;
}

/** One sentence naming the lines that grew most, or '' when none grew. */
export function linesThatGrew(deltas: readonly LineDelta[], n = GROWN_LINES): string {
  const grown = grownLines(deltas, n);
  if (grown.length === 0) return '';
  return `Lines whose cost grew most: ${grown.map((d) => describeLineDelta(d)).join('; ')}.`;
}
