// What a reviewer reads around a changed function besides its body: the old and new doc comments, comments the
// change added inside or just above it, and the module-level declarations either version uses. Plain text in,
// plain text out, so the editor, `check`, `compare` and the bench build the same verdict input.
import ts from 'typescript';
import type { LocatedFunction } from '../locate/types';
import type { ChangeIntent } from './types';

/** Lines above a function whose comments count as "nearby" (a `// why` note over the JSDoc or the declaration). */
const NEARBY_LINES = 3;
const MAX_DECLARATION_CHARS = 600;
const MAX_DECLARATIONS = 12;

/** The text of every comment in `text` (scanner-based, so strings and regexes holding `//` are not comments). */
export function commentsIn(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia) out.push(scanner.getTokenText().slice(2).trim());
    else if (kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      const t = scanner.getTokenText();
      if (t.startsWith('/**')) continue; // doc comments are read as docs
      out.push(t.slice(2, -2).replace(/^\s*\*\s?/gm, '').trim());
    }
  }
  return out.filter((c) => c.length > 0 && !/^(eslint|@ts-|prettier|istanbul|c8)\b/.test(c));
}

/** Comments inside a function and in the few lines above it (JSDoc excluded: it is the doc). */
function commentsAround(text: string, fn: LocatedFunction): string[] {
  const lines = text.slice(0, fn.start).split('\n');
  const above = lines.slice(Math.max(0, lines.length - 1 - NEARBY_LINES)).join('\n');
  return [...commentsIn(above), ...commentsIn(text.slice(fn.start, fn.end))];
}

/** Comments of the new version that the old one did not have: what the author wrote with this change. */
export function newComments(oldText: string, oldFn: LocatedFunction, newText: string, newFn: LocatedFunction): string[] {
  const old = new Set(commentsAround(oldText, oldFn).map((c) => c.toLowerCase()));
  return commentsAround(newText, newFn).filter((c) => !old.has(c.toLowerCase()));
}

/** Names a top-level statement declares, with its text. */
function declared(statement: ts.Statement, source: ts.SourceFile): { names: string[]; text: string } {
  const names: string[] = [];
  if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  } else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
    statement.name
  ) {
    names.push(statement.name.text);
  } else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const c = statement.importClause;
    if (c.name) names.push(c.name.text);
    const b = c.namedBindings;
    if (b && ts.isNamespaceImport(b)) names.push(b.name.text);
    if (b && ts.isNamedImports(b)) for (const e of b.elements) names.push(e.name.text);
  }
  return { names, text: statement.getText(source) };
}

/** Identifiers written in `code` (scanner tokens, so words in strings and comments do not count). */
function identifiersIn(code: string): Set<string> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const out = new Set<string>();
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier) out.add(scanner.getTokenText());
  }
  return out;
}

/**
 * Module-level declarations (constants, helpers, types, imports) that `sources` refer to, as written in
 * `moduleText`, excluding the declaration of `self` and anything of the function's own range. Each is clipped.
 */
export function moduleDeclarationsUsed(moduleText: string, file: string, sources: string[], self?: LocatedFunction): string[] {
  const source = ts.createSourceFile(file, moduleText, ts.ScriptTarget.Latest, true);
  const used = new Set<string>();
  for (const s of sources) for (const id of identifiersIn(s)) used.add(id);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (self && statement.getStart(source) <= self.start && self.end <= statement.end) continue;
    const { names, text } = declared(statement, source);
    if (!names.some((n) => used.has(n))) continue;
    out.push(text.length > MAX_DECLARATION_CHARS ? `${text.slice(0, MAX_DECLARATION_CHARS)} …` : text);
    if (out.length >= MAX_DECLARATIONS) break;
  }
  return out;
}

/** The intent-side context of a change between two located versions of a function. */
export function changeIntent(
  old: { text: string; fn: LocatedFunction },
  now: { text: string; fn: LocatedFunction },
  extra: { commits?: string[]; note?: string } = {},
): ChangeIntent {
  const comments = newComments(old.text, old.fn, now.text, now.fn);
  return {
    ...(now.fn.doc ? { doc: now.fn.doc } : {}),
    oldDoc: old.fn.doc ?? '',
    ...(comments.length ? { comments } : {}),
    ...(extra.commits?.length ? { commits: extra.commits } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}
