// Small pure helpers of the engine facade (index.ts): the records it hands to the history, a change's
// stated intent, path and option plumbing.
import { readFileSync } from 'node:fs';
import { locateFunctions } from '../locate/locate';
import type { BenchResult } from '../profile';
import { captureEnvironment } from '../history/store';
import { commitMessagesTouching } from '../history/git';
import type { RunRecord, RunView } from '../history/types';
import type { LlmCache } from '../verdict/llm';
import { changeIntent } from '../verdict/context';
import type { ChangeIntent } from '../verdict/types';
import type { BaselineEntry, FileAnalysis, FunctionAnalysis } from './types';

/**
 * Why a change was made, in its author's words: the doc comments old and new, comments added with the change,
 * commits touching it, the user's note. `old` is the previous version in its own module text, when known.
 * A stored baseline holds the declaration without its doc comment, so there (`oldDocKnown` false) the old doc
 * is left out: the spliced text carries today's doc above the old body. Added comments are still told apart.
 */
export async function intentOf(
  file: string,
  now: { text: string; fn: FunctionAnalysis },
  old: { text: string; fn: FunctionAnalysis } | undefined,
  note: string | undefined,
  oldDocKnown = true,
): Promise<ChangeIntent> {
  const current = now.fn;
  const commits = await commitMessagesTouching(file, current.fn.range.start.line + 1, current.fn.range.end.line + 1);
  if (!old) return { ...(current.fn.doc ? { doc: current.fn.doc } : {}), ...(commits.length ? { commits } : {}), ...(note ? { note } : {}) };
  const { oldDoc, ...intent } = changeIntent({ text: old.text, fn: old.fn.fn }, { text: now.text, fn: current.fn }, { commits, ...(note ? { note } : {}) });
  return oldDocKnown ? { ...intent, oldDoc } : intent;
}

/** Whether workspace-relative `file` is `under` (a file or folder path; '' for everything). */
export function isUnder(file: string, under: string): boolean {
  return under === '' || file === under || file.startsWith(`${under}/`);
}

/** Whether the function in `file` still has content hash `hash`. */
export function matchesToday(file: string, qualifiedName: string, hash: string): BaselineEntry['current'] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 'file missing';
  }
  const fn = locateFunctions(file, text).functions.find((f) => f.qualifiedName === qualifiedName);
  return !fn ? 'function missing' : fn.hash === hash ? 'same' : 'changed';
}

/** An LLM answer cache for one process (a CLI run without a history DB). */
export function memoryCache(): LlmCache {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k), put: (k, _model, response) => void map.set(k, response) };
}

/** The current version of a function, as the history records it. */
export function versionToRecord(file: string, text: string, report: FileAnalysis, current: FunctionAnalysis) {
  return { file, fn: current.fn, source: text.slice(current.fn.start, current.fn.end), presentNames: report.functions.map((f) => f.fn.qualifiedName) };
}

/** A plain benchmark's run record (a failed one has only its view). */
export function benchRunRecord(result: BenchResult, view: RunView): RunRecord {
  const t = result.timing;
  if (!t) return { kind: 'bench', view, samplesNs: [], environment: { ...captureEnvironment(), isolation: result.isolation } };
  return {
    kind: 'bench',
    view,
    samplesNs: result.samplesNs ?? [],
    medianNs: t.medianNs,
    ci95Ns: t.ci95Ns,
    cv: t.cv,
    stats: t,
    ...(result.memory ? { allocatedBytesPerCall: result.memory.allocatedBytesPerCall, memory: result.memory } : {}),
    ...(result.growth && result.growth.order !== 'not size-dependent' ? { growthOrder: result.growth.order } : {}),
    ...(result.growth ? { growth: result.growth } : {}),
    inputs: result.inputs,
    environment: { ...captureEnvironment(), isolation: result.isolation },
  };
}

/** Static-analysis figures of a version, with `data` as the record's detail. */
export function analysisRecord(a: FunctionAnalysis, data: unknown) {
  return { cyclomatic: a.complexity.cyclomatic, cognitive: a.complexity.cognitive, data };
}

/** The listed keys of `o` that are defined (exactOptionalPropertyTypes-friendly spreading). */
export function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
