// Values written in the user's code — a parameter's default, an argument at a call site or in a test —
// read as recipes: JSON-like literals, `new Date(...)`, negative numbers, and simple constants
// (a `const` whose initializer is itself such a literal). Anything else is not a literal.

import ts from 'typescript';
import type { ValueRecipe } from './recipe';

const MAX_DEPTH = 4;

/**
 * The recipe for a literal expression, or undefined when the expression computes something.
 * With a checker, identifiers naming a `const` with a literal initializer count as literals too.
 */
export function literalRecipe(expr: ts.Expression, checker?: ts.TypeChecker, depth = 0): ValueRecipe | undefined {
  const value = literalValue(expr, checker, depth);
  if (value !== NOT_LITERAL) return { kind: 'literal', value };
  // new Date("2024-01-01") / new Date(1700000000000): a Date is not JSON, so it is rebuilt from its source.
  if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'Date') {
    const args = expr.arguments ?? [];
    if (args.every((a) => literalValue(a, checker, depth + 1) !== NOT_LITERAL)) {
      const texts = args.map((a) => JSON.stringify(literalValue(a, checker, depth + 1)));
      return { kind: 'expr', source: `new Date(${texts.join(', ')})` };
    }
  }
  return undefined;
}

const NOT_LITERAL = Symbol('not a literal');

function literalValue(expr: ts.Expression, checker: ts.TypeChecker | undefined, depth: number): unknown {
  if (depth > MAX_DEPTH) return NOT_LITERAL;
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) {
    return literalValue(expr.expression, checker, depth);
  }
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (ts.isPrefixUnaryExpression(expr) && ts.isNumericLiteral(expr.operand)) {
    if (expr.operator === ts.SyntaxKind.MinusToken) return -Number(expr.operand.text);
    if (expr.operator === ts.SyntaxKind.PlusToken) return Number(expr.operand.text);
  }
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (expr.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(expr)) {
    const out: unknown[] = [];
    for (const el of expr.elements) {
      const v = literalValue(el, checker, depth + 1);
      if (v === NOT_LITERAL) return NOT_LITERAL;
      out.push(v);
    }
    return out;
  }
  if (ts.isObjectLiteralExpression(expr)) {
    const out: Record<string, unknown> = {};
    for (const p of expr.properties) {
      if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) return NOT_LITERAL;
      const v = literalValue(p.initializer, checker, depth + 1);
      if (v === NOT_LITERAL) return NOT_LITERAL;
      out[p.name.text] = v;
    }
    return out;
  }
  if (checker && ts.isIdentifier(expr)) {
    const init = constInitializer(expr, checker);
    if (init) return literalValue(init, checker, depth + 1);
  }
  return NOT_LITERAL;
}

/** The initializer of the `const` an identifier names, when it is one. */
function constInitializer(id: ts.Identifier, checker: ts.TypeChecker): ts.Expression | undefined {
  let sym = checker.getSymbolAtLocation(id);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const decl = sym?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  return decl.initializer;
}

/**
 * A literal array from the user's code, scaled to the run's size n: its elements repeated in order,
 * so a three-row example becomes n rows of the same kind. Other literals are used as written.
 */
export function scaled(r: ValueRecipe): ValueRecipe {
  if (r.kind !== 'literal' || !Array.isArray(r.value) || r.value.length === 0) return r;
  const xs = r.value as unknown[];
  const sorted = xs.length > 1 && xs.every((x, k) => k === 0 || (typeof x === typeof xs[k - 1] && (typeof x === 'number' || typeof x === 'string') && (xs[k - 1] as number) <= (x as number)));
  return sorted ? { kind: 'repeat', items: xs, sorted } : { kind: 'repeat', items: xs };
}
