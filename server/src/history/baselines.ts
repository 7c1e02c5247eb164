// Setting a baseline: the current version of chosen functions becomes the named label. One home for the
// CLI (`perflens baseline set`) and the editor (Set Baseline).
import { locateFunctions } from '../locate/locate';
import { fileAtHead, gitInfo, isCommitted } from './git';
import { trackVersion } from './record';
import type { BaselineScope, HistoryStore } from './store';

/** A source file and its text (an unsaved editor buffer, or what is on disk). */
export interface SourceText {
  file: string;
  text: string;
}

/** What a baseline set covered; `missing` names a requested function that is in none of the files. */
export interface BaselineSetResult {
  count: number;
  names: string[];
  missing?: { qualifiedName: string; available: string[] };
}

/**
 * Records the current version of each chosen function and points `label` at it. With `qualifiedName`,
 * only that function; else every top-level function and method (a nested function's change changes its
 * parent's hash anyway). Everything is written in one transaction.
 */
export async function setBaseline(store: HistoryStore, label: string, scope: BaselineScope, sources: SourceText[], qualifiedName?: string): Promise<BaselineSetResult> {
  const chosen: { source: SourceText; fns: ReturnType<typeof locateFunctions>['functions']; all: string[]; git: Awaited<ReturnType<typeof gitInfo>>; atHead?: string }[] = [];
  const available: string[] = [];
  for (const source of sources) {
    const located = locateFunctions(source.file, source.text);
    const all = located.functions.map((f) => f.qualifiedName);
    available.push(...all);
    const fns = qualifiedName ? located.functions.filter((f) => f.qualifiedName === qualifiedName) : located.functions.filter((f) => !f.parent);
    if (fns.length) chosen.push({ source, fns, all, git: await gitInfo(source.file), atHead: await fileAtHead(source.file) });
  }
  if (qualifiedName && chosen.length === 0) return { count: 0, names: [], missing: { qualifiedName, available } };
  return store.transaction(() => {
    const entries: { functionId: string; versionId: string }[] = [];
    const names: string[] = [];
    for (const { source, fns, all, git, atHead } of chosen) {
      for (const fn of fns) {
        const text = source.text.slice(fn.start, fn.end);
        const facts = git && !isCommitted(text, atHead) ? { ...git, workingTree: true } : git;
        const { fn: tracked, version } = trackVersion(store, { file: source.file, fn, source: text, presentNames: all }, facts);
        entries.push({ functionId: tracked.id, versionId: version.id });
        names.push(`${tracked.file}#${fn.qualifiedName}`);
      }
    }
    if (entries.length) store.setBaselines(label, scope, entries);
    return { count: entries.length, names };
  });
}
