// Upstream rules with their known false positives taken out: the rule still decides what it looks at, and a
// predicate here drops reports a reviewer would wave through. Wrapping (rather than forking) keeps the upstream
// logic and its updates; the predicates are the only code of ours.

import type { Rule } from 'eslint';
import type * as ESTree from 'estree';

type Node = ESTree.Node & Rule.NodeParentExtension;

/** A rule whose reports pass through `keep` first (`node` is the reported node). */
export function refineRule(rule: Rule.RuleModule, keep: (node: Node, message: string) => boolean): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      const report = (descriptor: Rule.ReportDescriptor): void => {
        const node = 'node' in descriptor ? (descriptor.node as Node) : undefined;
        const message = 'message' in descriptor && typeof descriptor.message === 'string' ? descriptor.message : '';
        if (!node || keep(node, message)) context.report(descriptor);
      };
      // ESLint builds each rule's context with Object.create over a frozen file context; one more layer
      // with our `report` keeps every other member (sourceCode, options, ...) as it is.
      return rule.create(Object.create(context, { report: { value: report } }) as Rule.RuleContext);
    },
  };
}

/** `path.join(...)`, `path.resolve(...)`, `join(...)`, `path.posix.join(...)`: a path assembled on purpose. */
function isPathAssembly(node: ESTree.Node | undefined): boolean {
  if (node?.type !== 'CallExpression') return false;
  const callee = node.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
  return name === 'join' || name === 'resolve';
}

/**
 * `security/detect-non-literal-fs-filename`, without calls whose every non-literal path argument is assembled with
 * `path.join`/`path.resolve` (`readFileSync(path.join(dir, name))`): that is how code builds paths under a known
 * folder, and flagging every such call drowned the few fs calls that take a caller's path as it comes.
 */
export function keepFsFilename(node: Node, message: string): boolean {
  if (node.type !== 'CallExpression') return true;
  const indices = /at index ([\d,]+)/.exec(message)?.[1]?.split(',').map(Number) ?? [];
  if (indices.length === 0) return true;
  return !indices.every((i) => isPathAssembly(node.arguments[i] as ESTree.Node | undefined));
}

/** Names that say a number is a wait, not a secret. */
const TIMING_NAME = /jitter|delay|backoff|timeout|interval|wait|sleep|retry|retries|attempt|pause|spread|stagger/i;

function nameOf(node: ESTree.Node | null | undefined): string {
  if (!node) return '';
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return '';
}

/** The name a function is known by: its own, or the variable or property it is assigned to. */
function functionName(fn: Node): string {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const p = fn.parent as Node | undefined;
  if (p?.type === 'VariableDeclarator') return nameOf(p.id);
  if (p?.type === 'Property' || p?.type === 'MethodDefinition') return nameOf(p.key);
  return '';
}

/**
 * `@microsoft/sdl/no-insecure-random`, without `Math.random()` that only spreads out a wait: retry jitter,
 * back-off, staggered timers. A random delay is not a secret; the rule exists for tokens, ids and keys.
 * The value is followed up through arithmetic (`base * 2 ** attempt + Math.random() * 100`,
 * `Math.floor(Math.random() * n)`) to where it lands: a timer call, or a variable, property or function whose
 * name says it is a delay, or arithmetic with such a name in it.
 */
export function keepInsecureRandom(node: Node): boolean {
  if (node.type !== 'MemberExpression' || nameOf(node) !== 'random') return true;
  let cur: Node = node.parent as Node; // the Math.random() call
  for (;;) {
    const p = cur.parent as Node | undefined;
    if (!p) return true;
    if (p.type === 'BinaryExpression') {
      const other = p.left === cur ? p.right : p.left;
      if (TIMING_NAME.test(nameOf(other))) return false;
    } else if (p.type === 'CallExpression' && p.arguments.includes(cur as ESTree.Expression)) {
      const callee = nameOf(p.callee);
      if (TIMING_NAME.test(callee) || /^set(Timeout|Interval|Immediate)$/.test(callee)) return false;
      if (!(p.callee.type === 'MemberExpression' && nameOf(p.callee.object) === 'Math')) return true;
    } else if (p.type === 'VariableDeclarator') {
      return !TIMING_NAME.test(nameOf(p.id));
    } else if (p.type === 'AssignmentExpression') {
      return !TIMING_NAME.test(nameOf(p.left));
    } else if (p.type === 'Property') {
      return !TIMING_NAME.test(nameOf(p.key));
    } else if (p.type === 'ReturnStatement' || p.type === 'ArrowFunctionExpression') {
      let fn: Node | undefined = p;
      while (fn && fn.type !== 'FunctionDeclaration' && fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') fn = fn.parent as Node | undefined;
      return !(fn && TIMING_NAME.test(functionName(fn)));
    } else if (p.type !== 'UnaryExpression' && p.type !== 'ConditionalExpression' && (p.type as string) !== 'TSAsExpression') {
      return true;
    }
    cur = p;
  }
}
