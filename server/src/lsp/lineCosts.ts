// Per-line cost in the editor: the line costs of each function's latest run in this session, kept per
// document relative to the start of the function each line belongs to (so they follow the function
// through edits), served as inlay hints and line hovers. Text comes from present.ts.
import { InlayHintKind, MarkupKind, type Hover, type InlayHint } from 'vscode-languageserver/node';
import type { LineCost } from '../engine';
import type { LineCostsView } from '../protocol';
import type { LocatedFunction, Position, Range } from '../locate/types';
import type { DocState } from './documents';
import { lineHintLabel, lineHoverText, LINE_HINTS } from './present';

/** One hot line, placed relative to its function as it was when measured. */
interface PlacedLine {
  cost: LineCost;
  /** The function the line is in, its content hash when measured, and the line's offset from its start. */
  qualifiedName: string;
  hash: string;
  offset: number;
}

/** The latest line costs of one benchmarked function: placed for hints, whole for the panel. */
interface FunctionLines {
  medianNs: number;
  lines: PlacedLine[];
  view: LineCostsView;
}

/** Line costs per document URI, then per benchmarked function. */
export class LineCostStore {
  private readonly byUri = new Map<string, Map<string, FunctionLines>>();
  /** The toggle of "PerfLens: Toggle Line Costs"; on by default. */
  enabled = true;

  /** Keeps the line costs of a run of `qualifiedName` (null: none), its lines in the document placed against its functions now. */
  record(state: DocState, qualifiedName: string, view: LineCostsView | null): void {
    const forDoc = this.byUri.get(state.doc.uri) ?? new Map<string, FunctionLines>();
    this.byUri.set(state.doc.uri, forDoc);
    if (!view) {
      forDoc.delete(qualifiedName);
      return;
    }
    const fns = state.fns ?? [];
    const placed: PlacedLine[] = [];
    for (const cost of view.lines) {
      if (cost.file !== state.file) continue;
      const fn = fns.find((f) => f.qualifiedName === cost.function) ?? fns.find((f) => f.range.start.line <= cost.line - 1 && cost.line - 1 <= f.range.end.line);
      if (!fn) continue;
      placed.push({ cost, qualifiedName: fn.qualifiedName, hash: fn.hash, offset: cost.line - 1 - fn.range.start.line });
    }
    forDoc.set(qualifiedName, { medianNs: view.medianNs, lines: placed, view });
  }

  /** Everything the latest run of a function measured per line (the panel's view), or null. */
  view(uri: string, qualifiedName: string): LineCostsView | null {
    return this.byUri.get(uri)?.get(qualifiedName)?.view ?? null;
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /**
   * The hot lines of the document at current positions: per benchmarked function, at most
   * `LINE_HINTS.max` lines at or above `LINE_HINTS.minPct`, and none of a function edited since.
   */
  visible(state: DocState): Array<{ line: number; cost: LineCost; medianNs: number }> {
    const forDoc = this.byUri.get(state.doc.uri);
    if (!this.enabled || !forDoc) return [];
    const fns = new Map((state.fns ?? []).map((f) => [f.qualifiedName, f]));
    const out: Array<{ line: number; cost: LineCost; medianNs: number }> = [];
    for (const run of forDoc.values()) {
      const hot = run.lines.filter((l) => l.cost.selfPct >= LINE_HINTS.minPct).slice(0, LINE_HINTS.max);
      for (const l of hot) {
        const fn: LocatedFunction | undefined = fns.get(l.qualifiedName);
        if (!fn || fn.hash !== l.hash) continue;
        out.push({ line: fn.range.start.line + l.offset, cost: l.cost, medianNs: run.medianNs });
      }
    }
    return out;
  }

  /** Inlay hints at the end of each visible hot line inside `range`. */
  inlayHints(state: DocState, range: Range): InlayHint[] {
    return this.visible(state)
      .filter((v) => v.line >= range.start.line && v.line <= range.end.line)
      .map((v) => ({
        position: { line: v.line, character: state.doc.getText({ start: { line: v.line, character: 0 }, end: { line: v.line + 1, character: 0 } }).replace(/\r?\n$/, '').length },
        label: lineHintLabel(v.cost),
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: { kind: MarkupKind.Markdown, value: lineHoverText(v.cost, v.medianNs) },
      }));
  }

  /** The hover of a hot line, or null when `position` is on none. */
  hover(state: DocState, position: Position): Hover | null {
    const v = this.visible(state).find((x) => x.line === position.line);
    return v ? { contents: { kind: MarkupKind.Markdown, value: lineHoverText(v.cost, v.medianNs) } } : null;
  }
}
