// Parses a TS/JS file into an ESTree AST that survives syntax errors: broken top-level statements
// are blanked out (offsets preserved) so everything around them can still be located and analysed.
import { parse, TSError, type TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import ts from 'typescript';
import type { SyntaxProblem } from './types';

/** A parsed file. `ast` always exists; when the file has syntax errors it covers what could be parsed. */
export interface ParsedFile {
  file: string;
  /** The original text (offsets in the AST refer to it). */
  text: string;
  ast: TSESTree.Program;
  syntaxErrors: SyntaxProblem[];
}

/** File extensions the locator understands. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** True for a path the locator can parse. */
export function isSourceFile(file: string): boolean {
  const lower = file.toLowerCase();
  return !lower.endsWith('.d.ts') && SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** How many broken statements we blank before giving up; each costs one re-parse. */
const MAX_RECOVERIES = 25;

/**
 * Parses `text` as the file `file` (the extension picks TS/JS and JSX). Never throws: syntax errors
 * are returned, and the statements that contain them are left out of the AST.
 */
export function parseFile(file: string, text: string): ParsedFile {
  const syntaxErrors: SyntaxProblem[] = [];
  let current = text;
  for (let attempt = 0; attempt <= MAX_RECOVERIES; attempt++) {
    try {
      const ast = parse(current, {
        filePath: file,
        jsx: /\.(tsx|jsx|js|mjs|cjs)$/i.test(file),
        loc: true,
        range: true,
        tokens: true,
        comment: true,
        errorOnUnknownASTType: false,
      });
      return { file, text, ast, syntaxErrors };
    } catch (err) {
      const problem = toProblem(err);
      syntaxErrors.push(problem.problem);
      const blanked = blankStatementAt(file, current, problem.offset);
      if (blanked === current) break;
      current = blanked;
    }
  }
  return { file, text, ast: emptyProgram(text), syntaxErrors };
}

function toProblem(err: unknown): { problem: SyntaxProblem; offset: number } {
  if (err instanceof TSError) {
    const { start } = err.location;
    return { problem: { message: err.message, line: start.line - 1, character: start.column }, offset: start.offset };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { problem: { message, line: 0, character: 0 }, offset: 0 };
}

/**
 * Replaces the top-level statement containing `offset` with spaces (newlines kept, so every
 * later offset and line stays valid). TypeScript's own parser is error-tolerant, so it tells us
 * where statements begin and end even in a broken file.
 */
function blankStatementAt(file: string, text: string, offset: number): string {
  const kind = /\.(tsx|jsx)$/i.test(file) ? ts.ScriptKind.TSX : /\.(js|mjs|cjs)$/i.test(file) ? ts.ScriptKind.JSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  let from = -1;
  let to = -1;
  for (const stmt of sf.statements) {
    const s = stmt.getStart(sf);
    if (offset >= s && offset <= stmt.end) {
      from = s;
      to = stmt.end;
      break;
    }
  }
  if (from < 0) {
    // Between statements (for example a stray token): blank the error's line.
    from = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    const nl = text.indexOf('\n', offset);
    to = nl < 0 ? text.length : nl;
  }
  if (to <= from) to = Math.min(text.length, from + 1);
  return text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ') + text.slice(to);
}

function emptyProgram(text: string): TSESTree.Program {
  const lines = text.split('\n');
  const end = { line: lines.length, column: lines[lines.length - 1]!.length };
  return {
    type: 'Program',
    body: [],
    sourceType: 'module',
    comments: [],
    tokens: [],
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end },
  } as unknown as TSESTree.Program;
}

/** Whether `value` is an AST node (an object with a string `type`). */
export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `visit` on each child node of `node`, in source order, by typescript-estree's visitor keys; `skip` leaves out those keys. */
export function forEachChildNode(node: TSESTree.Node, visit: (child: TSESTree.Node) => void, skip?: string): void {
  for (const key of visitorKeys[node.type] ?? []) {
    if (key === skip) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}
