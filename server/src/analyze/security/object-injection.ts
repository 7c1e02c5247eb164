// `perflens/object-injection`: `obj[key]` where the key comes from a function parameter.
// security/detect-object-injection flags every `obj[variable]` and drowns real findings (85–95% of
// all warnings in audited codebases); a parameter is where caller-controlled keys actually enter.

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

/** The rule module, registered under the `perflens` plugin. */
export const objectInjectionRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Object property access whose computed key is a function parameter.' },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      MemberExpression(node) {
        if (!node.computed) return;
        const root = rootIdentifier(node.property as ESTree.Node);
        if (!root) return;
        const variable = resolve(sourceCode.getScope(node), root.name);
        const def = variable?.defs.find((d) => d.type === 'Parameter');
        if (!def || isNumericParameter(def)) return;
        const keyText = sourceCode.getText(node.property as ESTree.Node);
        const objectText = sourceCode.getText(node.object);
        const write = node.parent.type === 'AssignmentExpression' && node.parent.left === node;
        context.report({
          node,
          message:
            `${objectText}[${keyText}] ${write ? 'writes' : 'reads'} a property named by parameter \`${root.name}\`: ` +
            `a caller can pass "__proto__" or "constructor"${write ? ' and pollute prototypes' : ''}. ` +
            'Check the key against an allow-list, use Object.hasOwn, or use a Map.',
        });
      },
    };
  },
};
