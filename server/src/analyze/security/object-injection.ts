// `perflens/object-injection`: `obj[key]` where the key comes from a function parameter, directly or as an
// element iterated out of one. security/detect-object-injection flags every `obj[variable]` and drowns real
// findings (85–95% of all warnings in audited codebases); a parameter is where caller-controlled keys enter.
// An element is judged the same whether it comes from `for…of` or from a `forEach`/`map`/`reduce` callback,
// so rewriting one loop form as the other never adds or removes a finding.

import type { Rule, Scope } from 'eslint';
import type * as ESTree from 'estree';

/** The identifier at the root of a key expression: `key`, or `req` in `obj[req.body.key]`. */
function rootIdentifier(node: ESTree.Node): ESTree.Identifier | undefined {
  let cur: ESTree.Node = node;
  while (cur.type === 'MemberExpression') cur = cur.object;
  return cur.type === 'Identifier' ? cur : undefined;
}

/** The variable an identifier refers to, found by walking out through the enclosing scopes. */
function resolve(scope: Scope.Scope | null, name: string): Scope.Variable | undefined {
  for (let s = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * A parameter typed `number` (or a union of number literals) cannot carry `__proto__` or
 * `constructor`, so array indexing by a numeric parameter is not reported.
 */
function isNumericParameter(def: Scope.Definition): boolean {
  const annotation = (def.name as { typeAnnotation?: { typeAnnotation?: { type: string; types?: { type: string; literal?: { value?: unknown } }[] } } })
    .typeAnnotation?.typeAnnotation;
  if (!annotation) return false;
  if (annotation.type === 'TSNumberKeyword') return true;
  if (annotation.type === 'TSUnionType' && annotation.types) {
    return annotation.types.every(
      (t) => t.type === 'TSNumberKeyword' || (t.type === 'TSLiteralType' && typeof t.literal?.value === 'number'),
    );
  }
  return false;
}

/** Array methods whose callback receives the receiver's elements, and at which parameter index. */
const ELEMENT_PARAM: Record<string, number> = {
  forEach: 0, map: 0, filter: 0, find: 0, findIndex: 0, findLast: 0, findLastIndex: 0, some: 0, every: 0, flatMap: 0,
  reduce: 1, reduceRight: 1,
};

/** `Object.keys(x)`, `Object.entries(x)`, `x.keys()`, `x.entries()`...: the collection whose keys or elements these are. */
function collectionOf(node: ESTree.Node): ESTree.Node {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return node;
  const method = node.callee.property.name;
  const object = node.callee.object;
  if (object.type === 'Identifier' && object.name === 'Object' && ['keys', 'entries', 'values', 'getOwnPropertyNames'].includes(method) && node.arguments[0]) {
    return node.arguments[0] as ESTree.Node;
  }
  if (['keys', 'entries', 'values'].includes(method) && node.arguments.length === 0) return object;
  return node;
}

/** Property names that reach prototypes. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * The whole-match parameter of a `replace`/`replaceAll` callback whose pattern is a regex literal that cannot match
 * a prototype key as a whole (`s.replace(/[&<>]/g, (c) => ENTITIES[c])`): the key is one of the pattern's matches.
 */
function isReplaceMatch(call: ESTree.CallExpression, fn: ESTree.Node, def: Scope.Definition): boolean {
  if (call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier') return false;
  if (!['replace', 'replaceAll'].includes(call.callee.property.name) || call.arguments[1] !== fn) return false;
  const pattern = call.arguments[0];
  const first = (fn as ESTree.Function).params[0];
  if (!pattern || pattern.type !== 'Literal' || !('regex' in pattern) || !pattern.regex || first !== def.name) return false;
  try {
    const whole = new RegExp(`^(?:${pattern.regex.pattern})$`, pattern.regex.flags.replace(/[gy]/g, ''));
    return !PROTOTYPE_KEYS.some((k) => whole.test(k));
  } catch {
    return false;
  }
}

/**
 * Where a variable's value comes from, for taint: the parameter of a function a caller calls (`'parameter'`), an
 * element of some collection (the collection's expression), or neither.
 */
function origin(variable: Scope.Variable): 'parameter' | ESTree.Node | undefined {
  for (const def of variable.defs) {
    if (def.type === 'Parameter') {
      if (isNumericParameter(def)) return undefined;
      const fn = def.node as ESTree.Node & Rule.NodeParentExtension;
      const call = fn.parent;
      if (call?.type === 'CallExpression' && isReplaceMatch(call, fn, def)) return undefined;
      if (call?.type === 'CallExpression' && call.arguments[0] === fn && call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier') {
        const index = ELEMENT_PARAM[call.callee.property.name];
        if (index !== undefined) {
          const params = (fn as ESTree.Function).params;
          const at = params.findIndex((p) => p.range && def.name.range && p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
          // The element parameter comes from the receiver; the others are an index, the array or an accumulator.
          return at === index ? call.callee.object : undefined;
        }
      }
      return 'parameter';
    }
    if (def.type === 'Variable') {
      const loop = (def.parent as (ESTree.Node & Rule.NodeParentExtension) | null)?.parent;
      if ((loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === def.parent) return loop.right;
    }
  }
  return undefined;
}

/** The parameter a key expression comes from, following elements back to their collections; undefined if none. */
function taintingParameter(expr: ESTree.Node, scope: Scope.Scope, seen = new Set<Scope.Variable>()): string | undefined {
  const root = rootIdentifier(collectionOf(expr));
  if (!root) return undefined;
  const variable = resolve(scope, root.name);
  if (!variable || seen.has(variable)) return undefined;
  seen.add(variable);
  const from = origin(variable);
  if (from === undefined) return undefined;
  if (from === 'parameter') return root.name;
  return taintingParameter(from, variable.scope, seen);
}

/** The rule module, registered under the `perflens` plugin. */
export const objectInjectionRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Object property access whose computed key comes from a function parameter.' },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      MemberExpression(node) {
        if (!node.computed) return;
        const root = rootIdentifier(node.property as ESTree.Node);
        if (!root) return;
        const param = taintingParameter(node.property as ESTree.Node, sourceCode.getScope(node));
        if (!param) return;
        const keyText = sourceCode.getText(node.property as ESTree.Node);
        const objectText = sourceCode.getText(node.object);
        const write = node.parent.type === 'AssignmentExpression' && node.parent.left === node;
        const via = param === root.name ? `parameter \`${param}\`` : `\`${root.name}\`, taken from parameter \`${param}\``;
        context.report({
          node,
          message:
            `${objectText}[${keyText}] ${write ? 'writes' : 'reads'} a property named by ${via}: ` +
            `a caller can pass "__proto__" or "constructor"${write ? ' and pollute prototypes' : ''}. ` +
            'Check the key against an allow-list, use Object.hasOwn, or use a Map.',
        });
      },
    };
  },
};
