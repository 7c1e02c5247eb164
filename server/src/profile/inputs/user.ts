// Inputs the user wrote: `@perflens` tags in the function's JSDoc, or an entry in
// `.perflens/inputs.json` at the workspace root. They win over synthesized ones (docs/inputs.md).
// Examples are JavaScript expressions and are only ever evaluated in the sandbox child.

import ts from 'typescript';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ValueRecipe } from './recipe';

/** What the user supplied for one function; any part may be missing. */
export interface UserInputs {
  /** Whole argument lists, one recipe per argument; several lists are cycled through the pool. */
  argLists: ValueRecipe[][];
  /** Per-parameter overrides, by parameter name. */
  params: Map<string, ValueRecipe>;
  receiver?: ValueRecipe;
  /** Mistakes in what the user wrote, with where they are. */
  errors: string[];
}

/** The file that holds user inputs for a workspace. */
export const INPUTS_FILE = join('.perflens', 'inputs.json');

/**
 * Reads `@perflens args <expr>`, `@perflens param <name> <expr>` and `@perflens receiver <expr>`
 * from a JSDoc block (the locator's `doc`, delimiters stripped). Undefined when there is no tag.
 */
export function fromJsDoc(doc: string | undefined): UserInputs | undefined {
  if (!doc || !doc.includes('@perflens')) return undefined;
  const out: UserInputs = { argLists: [], params: new Map(), errors: [] };
  // Tags run until the next `@tag` line; leading `*` of each line is dropped.
  const lines = doc.split('\n').map((l) => l.replace(/^\s*\*?\s?/, ''));
  const tags: string[] = [];
  let current: string | undefined;
  for (const line of lines) {
    if (/^@perflens\b/.test(line)) {
      if (current !== undefined) tags.push(current);
      current = line.slice('@perflens'.length).trim();
    } else if (/^@\w/.test(line)) {
      if (current !== undefined) tags.push(current);
      current = undefined;
    } else if (current !== undefined) current += '\n' + line;
  }
  if (current !== undefined) tags.push(current);
  for (const tag of tags) {
    const m = /^(args|example|param|receiver)\b\s*([\s\S]*)$/.exec(tag.trim());
    if (!m) {
      out.errors.push(`@perflens ${tag.split('\n')[0]}: expected 'args [..]', 'param <name> <expression>' or 'receiver <expression>'`);
      continue;
    }
    const [, what, rest] = m;
    if (what === 'args' || what === 'example') addArgList(rest.trim(), `@perflens ${what}`, out);
    else if (what === 'receiver') out.receiver = { kind: 'expr', source: rest.trim() };
    else {
      const pm = /^([A-Za-z_$][\w$]*)\s+([\s\S]+)$/.exec(rest.trim());
      if (pm) out.params.set(pm[1], { kind: 'expr', source: pm[2].trim() });
      else out.errors.push(`@perflens param ${rest.trim()}: expected a parameter name and an expression`);
    }
  }
  return out;
}

/** Splits a JavaScript array literal into one expression recipe per element. */
function addArgList(source: string, where: string, out: UserInputs): void {
  const sf = ts.createSourceFile('args.js', `(${source})`, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const stmt = sf.statements[0];
  const expr = stmt && ts.isExpressionStatement(stmt) && ts.isParenthesizedExpression(stmt.expression) ? stmt.expression.expression : undefined;
  const syntaxError = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics?.[0];
  if (!expr || !ts.isArrayLiteralExpression(expr) || syntaxError || sf.statements.length !== 1) {
    out.errors.push(`${where} ${source.slice(0, 60)}: expected one array literal with an expression per parameter, e.g. [[1, 2, 3], "x"]`);
    return;
  }
  if (expr.elements.some(ts.isSpreadElement)) {
    out.errors.push(`${where}: spread elements are not supported; write one expression per parameter`);
    return;
  }
  out.argLists.push(expr.elements.map((e) => ({ kind: 'expr', source: e.getText(sf) })));
}

/** One function's entry in .perflens/inputs.json (documented in docs/inputs.md). */
interface InputsEntry {
  args?: unknown[];
  examples?: unknown[][];
  generate?: string | string[];
  params?: Record<string, string>;
  receiver?: string;
}

/**
 * The entry for `qualifiedName` in `<workspaceRoot>/.perflens/inputs.json`: the key
 * `"<file relative to the root>#<qualifiedName>"` wins over the bare `"<qualifiedName>"`.
 */
export function fromInputsFile(workspaceRoot: string | undefined, file: string, qualifiedName: string): UserInputs | undefined {
  if (!workspaceRoot) return undefined;
  const path = join(workspaceRoot, INPUTS_FILE);
  if (!existsSync(path)) return undefined;
  const out: UserInputs = { argLists: [], params: new Map(), errors: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    out.errors.push(`${INPUTS_FILE} is not valid JSON (${(e as Error).message}); fix it or remove it`);
    return out;
  }
  const functions = (doc as { functions?: unknown })?.functions;
  if (!functions || typeof functions !== 'object') {
    out.errors.push(`${INPUTS_FILE} needs a top-level "functions" object keyed by qualified name`);
    return out;
  }
  const rel = relative(workspaceRoot, file).split('\\').join('/');
  const table = functions as Record<string, unknown>;
  const entry = (table[`${rel}#${qualifiedName}`] ?? table[qualifiedName]) as InputsEntry | undefined;
  if (entry === undefined) return undefined;
  const where = `${INPUTS_FILE} "${qualifiedName}"`;
  if (typeof entry !== 'object' || entry === null) {
    out.errors.push(`${where}: expected an object with "args", "examples", "generate", "params" or "receiver"`);
    return out;
  }
  const literalList = (list: unknown, name: string): void => {
    if (Array.isArray(list)) out.argLists.push(list.map((value) => ({ kind: 'literal', value })));
    else out.errors.push(`${where}.${name}: expected an array with one JSON value per parameter`);
  };
  if (entry.args !== undefined) literalList(entry.args, 'args');
  if (entry.examples !== undefined) {
    if (Array.isArray(entry.examples)) entry.examples.forEach((l, k) => literalList(l, `examples[${k}]`));
    else out.errors.push(`${where}.examples: expected an array of argument lists`);
  }
  if (entry.generate !== undefined) {
    const gens = Array.isArray(entry.generate) ? entry.generate : [entry.generate];
    for (const g of gens) {
      if (typeof g === 'string') addArgList(g, `${where}.generate`, out);
      else out.errors.push(`${where}.generate: expected a JavaScript array expression as a string`);
    }
  }
  if (entry.params !== undefined) {
    for (const [name, source] of Object.entries(entry.params)) {
      if (typeof source === 'string') out.params.set(name, { kind: 'expr', source });
      else out.errors.push(`${where}.params.${name}: expected a JavaScript expression as a string`);
    }
  }
  if (entry.receiver !== undefined) {
    if (typeof entry.receiver === 'string') out.receiver = { kind: 'expr', source: entry.receiver };
    else out.errors.push(`${where}.receiver: expected a JavaScript expression as a string`);
  }
  return out;
}
