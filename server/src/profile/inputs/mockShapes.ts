// Plans what the client mocks answer for one function, from its code and the declared types: the row
// type of each SQL query (pg, mysql2, better-sqlite3: the query's type argument, else the function's
// declared return type; Prisma: the model of `prisma.<model>.<query>(...)` and the call's type), the
// response type of each HTTP call (axios' type argument, a `res.json() as T`,
// else the return type), and the user's scripted answers (`.perflens/mocks.json`, `@perflens-mock`).

import ts from 'typescript';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockAnswers } from '../mocks/answers';
import { normaliseSql } from '../mocks/answers';
import { recipeForType, Unsynthesizable, type TypeContext } from './fromType';
import type { ValueRecipe } from './recipe';

/** The file that holds scripted mock answers for a workspace. */
export const MOCKS_FILE = join('.perflens', 'mocks.json');

const SQL_MODULES = new Set(['pg', 'mysql2', 'mysql2/promise', 'better-sqlite3', 'postgres', 'sqlite3']);
const HTTP_MODULES = new Set(['axios', 'undici', 'node-fetch', 'got', 'ky']);
// Prisma's client types live in the generated `.prisma/client` (re-exported by `@prisma/client`).
const PRISMA_MODULES = new Set(['@prisma/client', '.prisma']);
const PRISMA_METHODS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'createManyAndReturn', 'update', 'upsert', 'delete']);
const SQL_METHODS = new Set(['query', 'execute', 'get', 'all', 'prepare', 'one', 'many', 'oneOrNone', 'manyOrNone', 'any']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

/** Shapes of the answers the function's I/O calls expect, plus the user's scripts. Never throws. */
export function planMockShapes(fnNode: ts.SignatureDeclaration, ctx: TypeContext | undefined, doc: string | undefined, workspaceRoot: string | undefined): { answers: MockAnswers; errors: string[] } {
  const answers: MockAnswers = { rows: [], http: [], scripted: {} };
  const errors: string[] = [];
  if (ctx) {
    try {
      collectShapes(fnNode, ctx, answers);
    } catch {
      // A shape we cannot read leaves the mock's generic answer in place.
    }
  }
  readMocksFile(workspaceRoot, answers, errors);
  readMockTags(doc, answers, errors);
  return { answers, errors };
}

function collectShapes(fnNode: ts.SignatureDeclaration, ctx: TypeContext, out: MockAnswers): void {
  const { checker } = ctx;
  const body = (fnNode as ts.FunctionLikeDeclaration).body;
  if (!body) return;
  const returned = fallbackShape(fnNode, ctx);
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      const module = moduleOf(checker.getTypeAtLocation(n.expression.expression), checker);
      const delegate = n.expression.expression;
      if (PRISMA_METHODS.has(method) && ts.isPropertyAccessExpression(delegate) && isPrisma(delegate, checker)) {
        // `prisma.user.findMany(...)`: rows of the model, from the awaited type of the call.
        const row = rowShape(checker.getTypeAtLocation(n), ctx) ?? returned;
        if (row) out.rows.push({ module: 'prisma', model: delegate.name.text, row });
      } else if (module && SQL_MODULES.has(module) && SQL_METHODS.has(method)) {
        const row = rowShape(checker.getTypeAtLocation(n), ctx) ?? returned;
        const sql = n.arguments[0] && (ts.isStringLiteral(n.arguments[0]) || ts.isNoSubstitutionTemplateLiteral(n.arguments[0])) ? normaliseSql(n.arguments[0].text) : undefined;
        if (row) out.rows.push(sql !== undefined ? { module: module.split('/')[0], sql, row } : { module: module.split('/')[0], row });
      } else if (module && HTTP_MODULES.has(module) && HTTP_METHODS.has(method)) {
        const data = propertyShape(awaited(checker.getTypeAtLocation(n), checker), 'data', ctx) ?? returned;
        if (data) out.http.push({ module, data });
      } else if (method === 'json' && n.arguments.length === 0) {
        // fetch: `await res.json() as T`, `(await res.json()) as T`, or the function's return type.
        let up: ts.Node = n.parent;
        while (ts.isAwaitExpression(up) || ts.isParenthesizedExpression(up)) up = up.parent;
        const cast = ts.isAsExpression(up) ? recipeOf(checker.getTypeFromTypeNode(up.type), ctx) : undefined;
        const data = cast ?? returned;
        if (data) out.http.push({ module: 'fetch', data });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
}

/** Whether `client.model` is a Prisma model delegate: the delegate's or the client's type comes from Prisma. */
function isPrisma(delegate: ts.PropertyAccessExpression, checker: ts.TypeChecker): boolean {
  return [delegate, delegate.expression].some((e) => PRISMA_MODULES.has(moduleOf(checker.getTypeAtLocation(e), checker) ?? ''));
}

/** The module a type is declared in: `declare module 'pg'` or a path under node_modules. */
function moduleOf(type: ts.Type, checker: ts.TypeChecker): string | undefined {
  const t = checker.getNonNullableType(type);
  const sym = t.getSymbol() ?? t.aliasSymbol;
  for (const decl of sym?.declarations ?? []) {
    for (let n: ts.Node | undefined = decl; n; n = n.parent) {
      if (ts.isModuleDeclaration(n) && ts.isStringLiteral(n.name)) return n.name.text;
    }
    const m = /[\\/]node_modules[\\/](?:@types[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(decl.getSourceFile().fileName);
    if (m) return m[1].replace('\\', '/');
  }
  return undefined;
}

function awaited(type: ts.Type, checker: ts.TypeChecker): ts.Type {
  return (checker as unknown as { getAwaitedType?: (t: ts.Type) => ts.Type | undefined }).getAwaitedType?.(type) ?? type;
}

function recipeOf(type: ts.Type, ctx: TypeContext): ValueRecipe | undefined {
  const t = ctx.checker.getNonNullableType(type);
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return undefined;
  const r = recipeForType(t, ctx);
  return r instanceof Unsynthesizable ? undefined : r;
}

function propertyShape(type: ts.Type, name: string, ctx: TypeContext): ValueRecipe | undefined {
  const prop = ctx.checker.getPropertyOfType(ctx.checker.getNonNullableType(type), name);
  return prop ? recipeOf(ctx.checker.getTypeOfSymbolAtLocation(prop, ctx.location), ctx) : undefined;
}

/** The element type of a query result: `QueryResult<T>.rows`, mysql2's `[T[], fields]`, or `T[]`. */
function rowShape(callType: ts.Type, ctx: TypeContext): ValueRecipe | undefined {
  const { checker } = ctx;
  const t = checker.getNonNullableType(awaited(callType, checker));
  const rows = checker.getPropertyOfType(t, 'rows');
  let list: ts.Type | undefined = rows ? checker.getTypeOfSymbolAtLocation(rows, ctx.location) : undefined;
  if (!list && checker.isTupleType(t)) list = checker.getTypeArguments(t as ts.TypeReference)[0];
  if (!list && checker.isArrayType(t)) list = t;
  const element = list && checker.isArrayType(list) ? checker.getTypeArguments(list as ts.TypeReference)[0] : !list && t.flags & ts.TypeFlags.Object ? t : undefined;
  return element ? objectOnly(recipeOf(element, ctx)) : undefined;
}

/** The function's own declared result, as the shape of what its I/O returns when the call says nothing. */
function fallbackShape(fnNode: ts.SignatureDeclaration, ctx: TypeContext): ValueRecipe | undefined {
  const sig = ctx.checker.getSignatureFromDeclaration(fnNode);
  if (!sig) return undefined;
  let t = ctx.checker.getNonNullableType(awaited(sig.getReturnType(), ctx.checker));
  if (ctx.checker.isArrayType(t)) t = ctx.checker.getTypeArguments(t as ts.TypeReference)[0];
  return objectOnly(recipeOf(t, ctx));
}

const objectOnly = (r: ValueRecipe | undefined): ValueRecipe | undefined => (r && (r.kind === 'object' || r.kind === 'instance') ? r : undefined);

/**
 * `.perflens/mocks.json`: `{ "modules": { "<module>": { "<method>": "<JavaScript expression>" } } }`.
 * The expression sees `args` (the call's arguments) and `call` (1, 2, ...).
 */
function readMocksFile(root: string | undefined, out: MockAnswers, errors: string[]): void {
  if (!root) return;
  const path = join(root, MOCKS_FILE);
  if (!existsSync(path)) return;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    errors.push(`${MOCKS_FILE} is not valid JSON (${(e as Error).message}); fix it or remove it`);
    return;
  }
  const modules = (doc as { modules?: unknown })?.modules;
  if (!modules || typeof modules !== 'object' || Array.isArray(modules)) {
    errors.push(`${MOCKS_FILE} needs a top-level "modules" object: { "modules": { "pg": { "query": "({ rows: [] })" } } }`);
    return;
  }
  for (const [module, methods] of Object.entries(modules as Record<string, unknown>)) {
    if (!methods || typeof methods !== 'object') {
      errors.push(`${MOCKS_FILE} "${module}": expected an object of method → JavaScript expression`);
      continue;
    }
    for (const [method, source] of Object.entries(methods as Record<string, unknown>)) {
      if (typeof source !== 'string') errors.push(`${MOCKS_FILE} "${module}.${method}": expected a JavaScript expression as a string`);
      else if (!isExpression(source)) errors.push(`${MOCKS_FILE} "${module}.${method}": \`${source.slice(0, 60)}\` is not a JavaScript expression`);
      else (out.scripted[module] ??= {})[method] = source;
    }
  }
}

/** `@perflens-mock <module>.<method> <expression>` lines in the function's JSDoc; they win over mocks.json. */
function readMockTags(doc: string | undefined, out: MockAnswers, errors: string[]): void {
  if (!doc || !doc.includes('@perflens-mock')) return;
  for (const line of doc.split('\n')) {
    const m = /@perflens-mock\s+(.*)$/.exec(line.replace(/^\s*\*?\s?/, ''));
    if (!m) continue;
    const parts = /^((?:@[\w.-]+\/)?[\w./-]+)\.(\w+)\s+([\s\S]+)$/.exec(m[1].trim());
    if (!parts || !isExpression(parts[3])) {
      errors.push(`@perflens-mock ${m[1].trim().slice(0, 60)}: expected '<module>.<method> <JavaScript expression>', e.g. @perflens-mock pg.query ({ rows: [{ id: 1 }] })`);
      continue;
    }
    (out.scripted[parts[1]] ??= {})[parts[2]] = parts[3].trim();
  }
}

function isExpression(source: string): boolean {
  const sf = ts.createSourceFile('mock.js', `(${source}\n)`, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const diags = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diags.length === 0 && sf.statements.length === 1;
}
