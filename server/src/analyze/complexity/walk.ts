// One pass over a function's AST that tallies everything the complexity metrics need: cyclomatic
// decisions, cognitive increments, block depth, Halstead operators/operands and self-calls.
// Rules: docs/metrics.md. Hand-written rather than typhonjs-escomplex because that library misses
// `??`, `?.` and `for…of`, and rather than ESLint because linting per function is far too slow.
// Over 400 lines because the metrics share one traversal: splitting it would walk each AST once per metric.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { forEachChildNode } from '../../locate/parse';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** What one walk over a function found. */
export interface Tally {
  cyclomatic: number;
  cognitive: number;
  /** Deepest block nesting (if, switch, try, loops) reached. */
  nesting: number;
  /** Halstead: occurrences per distinct operator / operand. */
  operators: Map<string, number>;
  operands: Map<string, number>;
  /** Whether the function calls itself directly (one cognitive increment, added by the caller). */
  recursive: boolean;
  /** `[start, end)` offsets of nested located functions, which are measured on their own. */
  excluded: Array<[number, number]>;
}

/** How to recognise the function's own name at a call site. */
export interface SelfName {
  /** Bare calls `name(...)` (functions, arrows bound to a name, named function expressions). */
  bare?: string;
  /** Member calls `this.name(...)` / `this.#name(...)` (class and object members). */
  member?: string;
  /** The dotted path of a member call that names it from outside: `Class.name`, `obj.nested.name`. */
  dotted?: string;
}

// TS nodes that exist at run time; every other `TS*` node is type-only and ignored by every metric.
const RUNTIME_TS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'TSParameterProperty',
  'TSEnumDeclaration',
  'TSEnumBody',
  'TSEnumMember',
  'TSModuleDeclaration',
  'TSModuleBlock',
  'TSExportAssignment',
  'TSImportEqualsDeclaration',
  'TSExternalModuleReference',
]);

// Halstead operators that are just the node kind (the ones carrying an `operator` field, and the
// ones whose spelling depends on flags, are handled in `visit`).
const OPERATOR_BY_TYPE: Record<string, string> = {
  ReturnStatement: 'return',
  ThrowStatement: 'throw',
  AwaitExpression: 'await',
  SpreadElement: '...',
  RestElement: '...',
  NewExpression: 'new',
  ClassExpression: 'class',
  ClassDeclaration: 'class',
  DebuggerStatement: 'debugger',
  SequenceExpression: ',',
  TemplateLiteral: '``',
  TaggedTemplateExpression: 'tag``',
  ImportExpression: 'import()',
  ObjectExpression: '{}',
  ObjectPattern: '{}',
  ArrayExpression: '[]',
  ArrayPattern: '[]',
  LabeledStatement: 'label:',
  BreakStatement: 'break',
  ContinueStatement: 'continue',
  JSXElement: '<>',
  JSXFragment: '<>',
  JSXAttribute: '=',
  JSXSpreadAttribute: '...',
  Decorator: '@',
  AssignmentPattern: '=',
};

const LOGICAL_ASSIGNMENT = new Set(['&&=', '||=', '??=']);

/** A `this` parameter (`function f(this: T)`) is a type annotation, not a parameter. */
export function isThisParam(param: TSESTree.Parameter): boolean {
  return param.type === 'Identifier' && param.name === 'this';
}

/**
 * Walks `root` (its parameters and body; not its name) and tallies the metrics. Functions in
 * `located` other than `root` are skipped and their ranges recorded; any other nested function
 * (an anonymous callback) belongs to `root` and deepens cognitive nesting.
 */
export function walkFunction(root: FunctionNode, located: ReadonlySet<Node>, self: SelfName): Tally {
  const t: Tally = {
    cyclomatic: 1,
    cognitive: 0,
    nesting: 0,
    operators: new Map(),
    operands: new Map(),
    recursive: false,
    excluded: [],
  };

  const op = (name: string): void => {
    t.operators.set(name, (t.operators.get(name) ?? 0) + 1);
  };
  const operand = (name: string): void => {
    t.operands.set(name, (t.operands.get(name) ?? 0) + 1);
  };
  const reach = (depth: number): void => {
    if (depth > t.nesting) t.nesting = depth;
  };

  /** Visits every child node of `node` with the same nesting. */
  const children = (node: Node, nest: number, depth: number): void => forEachChildNode(node, (child) => visit(child, nest, depth));

  const loop = (node: Node & { body: Node }, nest: number, depth: number): void => {
    t.cyclomatic++;
    t.cognitive += 1 + nest;
    reach(depth + 1);
    forEachChildNode(node, (child) => visit(child, nest, depth), 'body');
    visit(node.body, nest + 1, depth + 1);
  };

  /** `elseIf`: this `if` is the `else` branch of another, so it neither nests nor deepens. */
  const visitIf = (node: TSESTree.IfStatement, nest: number, depth: number, elseIf: boolean): void => {
    t.cyclomatic++;
    t.cognitive += elseIf ? 1 : 1 + nest;
    op('if');
    const bodyDepth = elseIf ? depth : depth + 1;
    reach(bodyDepth);
    visit(node.test, nest, depth);
    visit(node.consequent, nest + 1, bodyDepth);
    const alt = node.alternate;
    if (!alt) return;
    op('else');
    if (alt.type === 'IfStatement') {
      visitIf(alt, nest, bodyDepth, true);
    } else {
      t.cognitive++;
      visit(alt, nest + 1, bodyDepth);
    }
  };

  /** `a && b || c`: one cognitive increment per run of like operators, read left to right. */
  const visitLogical = (node: TSESTree.LogicalExpression, nest: number, depth: number, first: boolean): void => {
    if (first) {
      const ops: string[] = [];
      collectLogicalOperators(node, ops);
      for (let i = 0; i < ops.length; i++) if (i === 0 || ops[i] !== ops[i - 1]) t.cognitive++;
    }
    t.cyclomatic++;
    op(node.operator);
    for (const side of [node.left, node.right]) {
      if (side.type === 'LogicalExpression') visitLogical(side, nest, depth, false);
      else visit(side, nest, depth);
    }
  };

  const checkSelfCall = (callee: Node): void => {
    if (t.recursive) return;
    if (callee.type === 'Identifier') {
      if (self.bare !== undefined && callee.name === self.bare) t.recursive = true;
      return;
    }
    if (callee.type !== 'MemberExpression' || callee.computed) return;
    const prop = callee.property.type === 'PrivateIdentifier' ? `#${callee.property.name}` : callee.property.name;
    if (callee.object.type === 'ThisExpression' && self.member !== undefined && prop === self.member) {
      t.recursive = true;
    } else if (self.dotted !== undefined && dottedPath(callee) === self.dotted) {
      t.recursive = true;
    }
  };

  const visit = (node: Node, nest: number, depth: number): void => {
    const type = node.type;
    if (type.charCodeAt(0) === 84 /* T */ && type.startsWith('TS') && !RUNTIME_TS.has(type)) return;
    switch (type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        if (located.has(node)) {
          t.excluded.push([node.range[0], node.range[1]]);
          return;
        }
        // An anonymous callback: part of this function, one level deeper for the reader.
        op(type === 'ArrowFunctionExpression' ? '=>' : 'function');
        const fn = node as FunctionNode;
        if (fn.id) visit(fn.id, nest, depth);
        for (const p of fn.params) if (!isThisParam(p)) visit(p, nest + 1, depth);
        if (fn.body) visit(fn.body, nest + 1, depth);
        return;
      }
      case 'IfStatement':
        visitIf(node as TSESTree.IfStatement, nest, depth, false);
        return;
      case 'ConditionalExpression': {
        const n = node as TSESTree.ConditionalExpression;
        t.cyclomatic++;
        t.cognitive += 1 + nest;
        op('?:');
        visit(n.test, nest, depth);
        visit(n.consequent, nest + 1, depth);
        visit(n.alternate, nest + 1, depth);
        return;
      }
      case 'SwitchStatement': {
        const n = node as TSESTree.SwitchStatement;
        t.cognitive += 1 + nest;
        op('switch');
        reach(depth + 1);
        visit(n.discriminant, nest, depth);
        for (const c of n.cases) visit(c, nest + 1, depth + 1);
        return;
      }
      case 'SwitchCase': {
        const n = node as TSESTree.SwitchCase;
        if (n.test) {
          t.cyclomatic++;
          op('case');
        } else {
          op('default');
        }
        children(node, nest, depth);
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        op(type === 'ForOfStatement' && (node as TSESTree.ForOfStatement).await ? 'for await' : type);
        loop(node as Node & { body: Node }, nest, depth);
        return;
      case 'TryStatement': {
        const n = node as TSESTree.TryStatement;
        op('try');
        reach(depth + 1);
        visit(n.block, nest, depth + 1);
        if (n.handler) {
          t.cyclomatic++;
          t.cognitive += 1 + nest;
          op('catch');
          if (n.handler.param) visit(n.handler.param, nest, depth + 1);
          visit(n.handler.body, nest + 1, depth + 1);
        }
        if (n.finalizer) {
          op('finally');
          visit(n.finalizer, nest, depth + 1);
        }
        return;
      }
      case 'WithStatement': {
        // Sloppy-mode only, but still a block the reader has to hold in mind.
        const n = node as TSESTree.WithStatement;
        op('with');
        reach(depth + 1);
        visit(n.object, nest, depth);
        visit(n.body, nest, depth + 1);
        return;
      }
      case 'LogicalExpression':
        visitLogical(node as TSESTree.LogicalExpression, nest, depth, true);
        return;
      case 'AssignmentExpression': {
        const n = node as TSESTree.AssignmentExpression;
        if (LOGICAL_ASSIGNMENT.has(n.operator)) t.cyclomatic++;
        op(n.operator);
        break;
      }
      case 'AssignmentPattern':
        t.cyclomatic++;
        op('=');
        break;
      case 'BinaryExpression':
      case 'UnaryExpression':
      case 'UpdateExpression':
        op((node as TSESTree.BinaryExpression | TSESTree.UnaryExpression | TSESTree.UpdateExpression).operator);
        break;
      case 'MemberExpression': {
        const n = node as TSESTree.MemberExpression;
        if (n.optional) t.cyclomatic++;
        op(n.optional ? '?.' : n.computed ? '[]' : '.');
        break;
      }
      case 'CallExpression': {
        const n = node as TSESTree.CallExpression;
        if (n.optional) t.cyclomatic++;
        op(n.optional ? '?.()' : '()');
        checkSelfCall(n.callee);
        break;
      }
      case 'VariableDeclaration':
        op((node as TSESTree.VariableDeclaration).kind);
        break;
      case 'VariableDeclarator':
        if ((node as TSESTree.VariableDeclarator).init) op('=');
        break;
      case 'YieldExpression':
        op((node as TSESTree.YieldExpression).delegate ? 'yield*' : 'yield');
        break;
      case 'BreakStatement':
      case 'ContinueStatement':
        // A jump to a label breaks the linear flow the reader follows.
        if ((node as TSESTree.BreakStatement).label) t.cognitive++;
        op(OPERATOR_BY_TYPE[type]!);
        break;
      case 'Property': {
        const n = node as TSESTree.Property;
        if (n.kind !== 'init') op(n.kind);
        else if (!n.shorthand && !n.method) op(':');
        // `{ a }` names one thing once.
        if (n.shorthand) {
          visit(n.value, nest, depth);
          return;
        }
        break;
      }
      case 'Identifier':
        operand((node as TSESTree.Identifier).name);
        break;
      case 'PrivateIdentifier':
        operand(`#${(node as TSESTree.PrivateIdentifier).name}`);
        return;
      case 'Literal':
        operand((node as TSESTree.Literal).raw);
        return;
      case 'TemplateElement': {
        const raw = (node as TSESTree.TemplateElement).value.raw;
        if (raw !== '') operand(`\`${raw}\``);
        return;
      }
      case 'ThisExpression':
        operand('this');
        return;
      case 'Super':
        operand('super');
        return;
      case 'MetaProperty': {
        const n = node as TSESTree.MetaProperty;
        operand(`${n.meta.name}.${n.property.name}`);
        return;
      }
      case 'JSXText': {
        const text = (node as TSESTree.JSXText).value.trim();
        if (text !== '') operand(text);
        return;
      }
      case 'JSXIdentifier':
        operand((node as TSESTree.JSXIdentifier).name);
        return;
      default: {
        const name = OPERATOR_BY_TYPE[type];
        if (name !== undefined) op(name);
      }
    }
    children(node, nest, depth);
  };

  for (const p of root.params) if (!isThisParam(p)) visit(p, 0, 0);
  if (root.body) visit(root.body, 0, 0);
  return t;
}

/** In-order operators of a tree of logical expressions (parentheses are invisible in ESTree). */
function collectLogicalOperators(node: Node, out: string[]): void {
  if (node.type !== 'LogicalExpression') return;
  collectLogicalOperators(node.left, out);
  out.push(node.operator);
  collectLogicalOperators(node.right, out);
}

/** `a.b.c` for a chain of plain identifiers, otherwise undefined. */
function dottedPath(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type !== 'MemberExpression' || node.computed) return undefined;
  const left = dottedPath(node.object);
  if (left === undefined) return undefined;
  const prop = node.property.type === 'PrivateIdentifier' ? `#${node.property.name}` : node.property.name;
  return `${left}.${prop}`;
}
