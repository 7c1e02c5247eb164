// Guesses what an untyped parameter is from how the body uses it: indexed or `.length` → array (or
// string, when string methods are called), arithmetic → number, `await` → promise, called → function,
// other property reads → an object with those fields.

import ts from 'typescript';
import type { FieldRecipe, ValueRecipe } from './recipe';

/** Fallback for `any`/`unknown` with nothing else to go on: n small integers, a value most code accepts and that scales. */
export const UNTYPED: ValueRecipe = { kind: 'array', element: { kind: 'number', integer: true, min: 0, max: 100 }, sized: true };

const STRING_METHODS = new Set(['charAt', 'charCodeAt', 'codePointAt', 'toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd', 'split', 'substring', 'substr', 'padStart', 'padEnd', 'startsWith', 'endsWith', 'localeCompare', 'normalize', 'repeat', 'replace', 'replaceAll', 'match', 'matchAll', 'search']);
const ARRAY_METHODS = new Set(['map', 'filter', 'reduce', 'reduceRight', 'forEach', 'some', 'every', 'find', 'findIndex', 'findLast', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'flat', 'flatMap', 'fill', 'entries', 'keys', 'values']);
const ARITHMETIC = new Set([ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken, ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken]);

interface Evidence {
  array: number;
  /** `.length`, indexing, slice/indexOf/includes/concat/at: arrays and strings alike. */
  indexed: number;
  /** Iterated as `[key, value]` pairs: a Map or entries. */
  pairs: number;
  string: number;
  number: number;
  promise: number;
  called: number;
  iterated: number;
  keys: number;
  fields: Map<string, 'value' | 'called'>;
}

/**
 * A recipe for parameter `name` from its uses in `body`, or undefined when the body gives no hint.
 * Counting-like names (`n`, `count`, `limit`...) used as numbers become the size n.
 */
export function recipeFromUsage(name: string, body: ts.Node | undefined): ValueRecipe | undefined {
  if (!body) return undefined;
  const ev = emptyEvidence();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) classify(node, ev);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return fromEvidence(ev, name) ?? recipeFromName(name);
}

/**
 * `this` for a plain function whose body reads `this.x`: an object with those members, each shaped
 * by its own use (`this.items.length` → array, `this.run()` → function). Undefined when `this` is unused.
 */
export function receiverFromThisUsage(body: ts.Node | undefined): ValueRecipe | undefined {
  if (!body) return undefined;
  const members = new Map<string, Evidence>();
  const visit = (node: ts.Node): void => {
    // A nested function or class has its own `this`; arrows share ours.
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node)) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const ev = members.get(node.name.text) ?? emptyEvidence();
      members.set(node.name.text, ev);
      classify(node, ev);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  if (members.size === 0) return undefined;
  const fields: FieldRecipe[] = [...members].map(([f, ev]) => ({ name: f, value: fromEvidence(ev, f) ?? { kind: 'number', integer: true } }));
  return { kind: 'object', fields };
}

function emptyEvidence(): Evidence {
  return { array: 0, indexed: 0, pairs: 0, string: 0, number: 0, promise: 0, called: 0, iterated: 0, keys: 0, fields: new Map() };
}

function fromEvidence(ev: Evidence, name: string): ValueRecipe | undefined {
  if (ev.called > 0) return { kind: 'function', passThrough: true };
  if (ev.promise > 0) return { kind: 'promise', of: { kind: 'number', integer: true } };
  // A string-only method (trim, padStart, charCodeAt...) settles it; length and indexing fit both, so a string name decides.
  if (ev.string > 0 && ev.string >= ev.array) return { kind: 'string', sized: true };
  if (ev.pairs > 0) return { kind: 'map', key: { kind: 'string', sized: false }, value: { kind: 'number', integer: true }, sized: true };
  if (ev.array > 0 || ev.iterated > 0) return UNTYPED;
  if (ev.indexed > 0) return STRING_NAME.test(name) ? { kind: 'string', sized: true } : UNTYPED;
  if (ev.number > 0) return isCountName(name) ? { kind: 'number', integer: true, sized: true } : { kind: 'number', integer: true };
  if (ev.fields.size > 0) {
    const fields: FieldRecipe[] = [...ev.fields].map(([f, use]) => ({ name: f, value: use === 'called' ? { kind: 'function', passThrough: true } : { kind: 'number', integer: true } }));
    return { kind: 'object', fields };
  }
  if (ev.keys > 0) return { kind: 'record', key: { kind: 'string', sized: false }, value: { kind: 'number', integer: true }, sized: true };
  return undefined;
}

/**
 * The last resort for an untyped parameter the body only passes on: conventional names
 * (`callback`, `predicate`, `str`, `count`, `obj`...) say what callers give.
 */
export function recipeFromName(name: string): ValueRecipe | undefined {
  if (/^compare/i.test(name) || /Compare$/.test(name)) return { kind: 'function', derive: 'compare' };
  // `areItemsEqual`, `isEqual`, `equals`: an equality test of its two arguments.
  if (/^(eq|equals?|isEqual|areEqual|same)$/i.test(name) || /Equals?$/.test(name)) return { kind: 'function', derive: 'equals' };
  if (/^(fn|func|cb|callback|iteratee|predicate|comparator|customizer|resolver|handler|listener|transform|mapper|reducer|visitor|getter|selector)$/i.test(name) || /(Fn|Func|Callback|Handler|Predicate|Comparator|Iteratee|Mapper|Selector)$/.test(name)) {
    return { kind: 'function', passThrough: true };
  }
  if (/^(s|str|string|text|chars|word|prefix|suffix|sep|separator|pattern|key|name|path|url)$/i.test(name)) return { kind: 'string', sized: true };
  if (isCountName(name) || /^(start|end|index|from|to|min|max|lower|upper|wait|precision|radix|step|augend|addend|dividend|divisor|multiplier|multiplicand|minuend|subtrahend)$/i.test(name)) {
    return isCountName(name) ? { kind: 'number', integer: true, sized: true } : { kind: 'number', integer: true };
  }
  if (/^(obj|object|source|target|options|opts|config|props|attrs|map|dict)$/i.test(name)) {
    return { kind: 'record', key: { kind: 'string', sized: false }, value: { kind: 'number', integer: true }, sized: true };
  }
  return undefined;
}

/** Names that usually mean text, for values only indexed or measured (`str.length`, `str[i]`). */
const STRING_NAME = /^(s|str|string|text|chars|word|line|input|source|name|title|sentence|content)$/i;

/** Names that usually mean "how many": used as the size n when they are numbers. */
export function isCountName(name: string): boolean {
  return /^(n|k|m|count|size|len|length|num|times|depth|limit|capacity|cap|iterations?|steps?|rounds?)$/i.test(name) || /(Count|Size|Length|Limit|Capacity)$/.test(name);
}

/** Adds what one occurrence of a value (`id`: the parameter, or `this.x`) says about it. */
function classify(id: ts.Expression, ev: Evidence): void {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === id) {
    const prop = parent.name.text;
    const called = ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
    if (prop === 'length') ev.indexed++;
    else if (prop === 'then') ev.promise++;
    else if (STRING_METHODS.has(prop)) ev.string++;
    else if (ARRAY_METHODS.has(prop)) ev.array++;
    else if (prop === 'slice' || prop === 'indexOf' || prop === 'includes' || prop === 'concat' || prop === 'at') ev.indexed++;
    else if (prop === 'toFixed' || prop === 'toPrecision') ev.number++;
    else ev.fields.set(prop, called ? 'called' : (ev.fields.get(prop) ?? 'value'));
    return;
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === id) {
    const arg = parent.argumentExpression;
    if (ts.isStringLiteral(arg)) ev.fields.set(arg.text, 'value');
    else ev.indexed++;
    return;
  }
  if (ts.isCallExpression(parent) && parent.expression === id) return void ev.called++;
  if (ts.isAwaitExpression(parent)) return void ev.promise++;
  if (ts.isForOfStatement(parent) && parent.expression === id) {
    const init = parent.initializer;
    const binding = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : undefined;
    if (binding && ts.isArrayBindingPattern(binding) && binding.elements.length === 2) ev.pairs++;
    else ev.iterated++;
    return;
  }
  if (ts.isForInStatement(parent) && parent.expression === id) return void ev.keys++;
  if (ts.isSpreadElement(parent)) return void ev.iterated++;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    if (parent.operator !== ts.SyntaxKind.ExclamationToken) ev.number++;
    return;
  }
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (ARITHMETIC.has(op)) ev.number++;
    else if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) {
      const other = parent.left === id ? parent.right : parent.left;
      if (ts.isStringLiteral(other) || ts.isTemplateExpression(other) || ts.isNoSubstitutionTemplateLiteral(other)) ev.string++;
      else ev.number++;
    }
    return;
  }
  // Math.max(x), Number(x): a number; String(x) says little, so it is not counted.
  if (ts.isCallExpression(parent) && parent.arguments.includes(id)) {
    const callee = parent.expression.getText();
    if (/^Math\./.test(callee) || callee === 'Number' || callee === 'parseInt' || callee === 'parseFloat') ev.number++;
    if (callee === 'Object.keys' || callee === 'Object.entries' || callee === 'Object.values') ev.keys++;
    if (callee === 'Array.from') ev.iterated++;
  }
}

/**
 * Property paths the body reads from parameter `name`: `req.params.id` gives ['params', 'id']. Used to
 * give a record (`params: Record<string, string>`) the keys the code looks up, so it finds them.
 */
export function accessedPaths(name: string, body: ts.Node | undefined): string[][] {
  const out: string[][] = [];
  if (!body) return out;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) {
      const path: string[] = [];
      let up: ts.Node = node;
      for (;;) {
        const parent: ts.Node = up.parent;
        if (ts.isPropertyAccessExpression(parent) && parent.expression === up) path.push(parent.name.text);
        else if (ts.isElementAccessExpression(parent) && parent.expression === up && ts.isStringLiteral(parent.argumentExpression)) path.push(parent.argumentExpression.text);
        else if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent)) {
          up = parent;
          continue;
        } else break;
        up = parent;
      }
      if (path.length > 0) out.push(path);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return out;
}
