// Which stored version a function's diff and markers compare against. Shared by the panel host and page.
import type { HistoryView } from '../../../server/src/protocol';

/**
 * Index of the version the "Diff against baseline" button compares with: the newest version that carries
 * a baseline label (`main` preferred when several do), or undefined when none does.
 */
export function baselineIndex(view: HistoryView): number | undefined {
  let newest: number | undefined;
  for (let i = view.versions.length - 1; i >= 0; i--) {
    const labels = view.versions[i]!.baselines;
    if (labels.includes('main')) return i;
    if (labels.length > 0 && newest === undefined) newest = i;
  }
  return newest;
}
