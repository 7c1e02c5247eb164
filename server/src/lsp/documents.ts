// What the server knows about each open document: its text, its functions at current positions (moved
// through every edit so lenses never wait for a parse), and the latest analysis.
import { fileURLToPath } from 'node:url';
import type { TextDocumentContentChangeEvent, TextDocumentItem } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SecurityFinding } from '../analyze/security';
import type { FileAnalysis } from '../engine';
import type { LocatedFunction, Position, Range } from '../locate/types';

/** What the server knows about one open document. */
export interface DocState {
  doc: TextDocument;
  file: string;
  /**
   * Functions of the latest analysed version, their positions moved through every edit since, so lenses
   * and hovers never wait for a parse. When an edit leaves a half-typed statement and the parser loses
   * the enclosing function, the function keeps its (moved) entry: its lens does not jump or vanish.
   */
  fns?: LocatedFunction[];
  /** Security findings of the latest analysis at their moved positions. */
  findings: { at: Position; finding: SecurityFinding }[];
  /** Edits since the oldest analysis in flight, to move its results to the current text. */
  edits: { version: number; changes: TextDocumentContentChangeEvent[] }[];
  /** Resolves when the first analysis (or its early locate) came back. */
  located: Promise<void>;
  markLocated: () => void;
  /** Functions whose never-run lines are shown as faded hints (toggled by a command). */
  showUnreached?: Set<string>;
  /** Latest finished static analysis and the version it belongs to. */
  analysis?: { version: number; result: FileAnalysis };
  timer?: NodeJS.Timeout;
  /** The analysis in flight, so a burst of edits runs at most one at a time per document. */
  analyzing?: Promise<void>;
  /** True when edits arrived while an analysis ran: run once more afterwards. */
  dirty: boolean;
}

/** The state of a freshly opened document. */
export function openDocument(td: TextDocumentItem): DocState {
  let markLocated = () => undefined as void;
  const located = new Promise<void>((resolve) => (markLocated = resolve));
  return {
    doc: TextDocument.create(td.uri, td.languageId, td.version, td.text),
    file: fileURLToPath(td.uri),
    findings: [],
    edits: [],
    located,
    markLocated,
    dirty: false,
  };
}

/** Applies a didChange: the text, and every known position moved through the changes. Cheap: no parsing. */
export function applyChanges(state: DocState, version: number, changes: TextDocumentContentChangeEvent[]): void {
  state.doc = TextDocument.update(state.doc, changes, version);
  state.edits.push({ version, changes });
  if (state.fns) state.fns = state.fns.map((fn) => shiftFunction(fn, changes));
  for (const f of state.findings) f.at = shiftThrough(f.at, changes);
}

/** The content changes made after `version`, in order. */
export function changesSince(state: DocState, version: number): TextDocumentContentChangeEvent[] {
  return state.edits.filter((e) => e.version > version).flatMap((e) => e.changes);
}

/**
 * Takes a locate or analysis result of `version` as the document's functions: moves them through the
 * edits made since, and keeps (moved) the functions a syntax error hid from the parser.
 */
export function adopt(state: DocState, version: number, functions: LocatedFunction[], syntaxErrors: number): void {
  const since = changesSince(state, version);
  let fns = since.length ? functions.map((fn) => shiftFunction(fn, since)) : functions;
  if (syntaxErrors > 0 && state.fns) {
    const found = new Set(fns.map((fn) => fn.qualifiedName));
    fns = [...fns, ...state.fns.filter((fn) => !found.has(fn.qualifiedName))].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : 1));
  }
  state.fns = fns;
  state.markLocated();
}

/** Moves `pos` through one content change: text after the change shifts by the lines and characters it added. */
export function shiftPosition(pos: Position, change: TextDocumentContentChangeEvent): Position {
  if (!('range' in change) || change.range === undefined) return pos;
  const { start, end } = change.range;
  if (before(pos, start)) return pos;
  if (before(pos, end)) return { ...start };
  const lines = change.text.split('\n');
  const addedLines = lines.length - 1;
  const newEnd = { line: start.line + addedLines, character: (addedLines === 0 ? start.character : 0) + lines[lines.length - 1].length };
  if (pos.line === end.line) return { line: newEnd.line, character: newEnd.character + (pos.character - end.character) };
  return { line: pos.line + (newEnd.line - end.line), character: pos.character };
}

/** Moves a position through a sequence of changes, in order. */
export function shiftThrough(pos: Position, changes: readonly TextDocumentContentChangeEvent[]): Position {
  let p = pos;
  for (const c of changes) p = shiftPosition(p, c);
  return p;
}

/** A located function with its ranges moved through `changes` (offsets are left as they were). */
function shiftFunction(fn: LocatedFunction, changes: readonly TextDocumentContentChangeEvent[]): LocatedFunction {
  const move = (r: Range): Range => ({ start: shiftThrough(r.start, changes), end: shiftThrough(r.end, changes) });
  return { ...fn, range: move(fn.range), nameRange: move(fn.nameRange) };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The innermost function whose range contains `pos`. */
export function functionAtPosition(fns: readonly LocatedFunction[], pos: Position): LocatedFunction | undefined {
  let best: LocatedFunction | undefined;
  for (const fn of fns) {
    if (!contains(fn.range, pos)) continue;
    if (!best || before(best.range.start, fn.range.start)) best = fn;
  }
  return best;
}

/** Whether `pos` lies inside `range` (ends included). */
export function contains(range: Range, pos: Position): boolean {
  const afterStart = pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The file path of a document URI (non-file URIs pass through). */
export function fileOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}
