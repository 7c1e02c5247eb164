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

/** How a line is named: with its code (`text`, default true) and its file's name (`file`). */
export interface DescribeOptions {
  text?: boolean;
  file?: boolean;
}

/** line 17 (+1.90 µs/call, new): `const copy = JSON.parse(…)`. */
export function describeLineDelta(d: LineDelta, opts: DescribeOptions = {}): string {
  const where = opts.file ? `${basename(d.file)}:${d.line}` : `line ${d.line}`;
  const head = `${where} (+${formatNs(d.deltaNsPerCall)}/call${d.status === 'new' ? ', new' : ''})`;
  return opts.text === false ? head : `${head}: \`${clip(d.text)}\``;
}

/**
 * One sentence naming the lines that grew most, or '' when none grew. The verdict leaves the code out
 * (`text: false`): its reasoning reaches the LLM beside PerfLens's own figures, and the code is
 * repository material, which the prompt only passes in its fenced data block.
 */
export function linesThatGrew(deltas: readonly LineDelta[], opts: DescribeOptions = {}, n = GROWN_LINES): string {
  const grown = grownLines(deltas, n);
  if (grown.length === 0) return '';
  return `Lines whose cost grew most: ${grown.map((d) => describeLineDelta(d, opts)).join('; ')}.`;
}

/** A Markdown section for `check --report`: the lines of one function that grew most, or '' when none grew. */
export function grownLinesMarkdown(functionName: string, file: string, deltas: readonly LineDelta[], n = GROWN_LINES): string {
  const grown = grownLines(deltas, n);
  if (grown.length === 0) return '';
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/`/g, "'");
  return [
    `#### Lines that grew most in \`${cell(functionName)}\` (${cell(file)})`,
    '',
    '| Line | Change per call | Code |',
    '|---|---|---|',
    ...grown.map((d) => `| ${basename(d.file)}:${d.line} | +${formatNs(d.deltaNsPerCall)}${d.status === 'new' ? ' (new)' : ''} | \`${cell(clip(d.text))}\` |`),
    '',
  ].join('\n');
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
