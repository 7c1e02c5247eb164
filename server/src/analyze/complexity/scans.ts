// Linear work nested in an iteration: the shape of an accidental quadratic as a reviewer reads it. A
// measured growth order depends on the inputs (tags drawn from a small vocabulary make `indexOf` inside
// `filter` look linear), so the verdict also counts, in the code itself, the operations that walk a
// whole collection or copy it (`indexOf`, `includes`, `find`, `[...acc, x]`, `{ ...acc }`,
// `Object.keys`, ...) while an iteration is running (a loop body, or a callback of `forEach`, `map`,
// `filter`, `reduce`, ...). A count, not a proof: the verdict weighs only a new one, with a slowdown.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { forEachChildNode } from '../../locate/parse';

/** Array and string methods that walk (or copy) the whole receiver. */
const SCANS = new Set([
  'indexOf', 'lastIndexOf', 'includes', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'filter',
  'map', 'reduce', 'reduceRight', 'slice', 'concat', 'splice', 'shift', 'unshift', 'join', 'flat', 'flatMap', 'toSorted', 'toReversed',
]);
/** Methods whose callback runs once per element: its body is inside an iteration. */
const ITERATING = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort', 'toSorted']);
/** `Object.keys(x)` and friends, `Array.from(x)`: a walk over all of `x`. */
const STATIC_SCANS: Record<string, ReadonlySet<string>> = {
  Object: new Set(['keys', 'values', 'entries', 'assign', 'fromEntries']),
  Array: new Set(['from']),
  JSON: new Set(['stringify', 'parse']),
};

const isFunction = (n: TSESTree.Node): n is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression =>
  n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression';

function memberName(callee: TSESTree.Node): { object: TSESTree.Node; name: string } | undefined {
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return { object: callee.object, name: callee.property.name };
}

/** Operations that walk a whole collection, counted where an iteration encloses them. */
export function nestedScans(fn: TSESTree.Node): number {
  let count = 0;
  const visit = (node: TSESTree.Node, depth: number): void => {
    switch (node.type) {
      // A nested declared function or class runs when called, not here.
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        if (node !== fn) return;
        break;
      case 'ForStatement':
        for (const part of [node.init, node.test, node.update]) if (part) visit(part, depth);
        visit(node.body, depth + 1);
        return;
      case 'ForOfStatement':
      case 'ForInStatement':
        visit(node.right, depth);
        visit(node.body, depth + 1);
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
        visit(node.test, depth + 1);
        visit(node.body, depth + 1);
        return;
      case 'CallExpression': {
        const m = memberName(node.callee);
        if (m && depth > 0) {
          const statics = m.object.type === 'Identifier' ? STATIC_SCANS[m.object.name] : undefined;
          if (statics ? statics.has(m.name) : SCANS.has(m.name)) count++;
        }
        visit(node.callee, depth);
        const iterating = m !== undefined && ITERATING.has(m.name);
        for (const arg of node.arguments) visit(arg, iterating && isFunction(arg) ? depth + 1 : depth);
        return;
      }
      case 'SpreadElement':
        if (depth > 0) count++;
        break;
    }
    forEachChildNode(node, (child) => visit(child, depth));
  };
  visit(fn, 0);
  return count;
}
