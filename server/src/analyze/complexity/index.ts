// Complexity metrics of one located function: cyclomatic, cognitive, Halstead, maintainability,
// source lines, parameters, maximum nesting and a letter grade. Counting rules: docs/metrics.md.
import { nestedScans } from './scans';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../../locate/parse';
import { locateNodes, type LocatedNode } from '../../locate/locate';
import { grade, halstead, maintainability, sourceLines, type Grade, type HalsteadMetrics } from './scores';
import { isThisParam, walkFunction, type SelfName } from './walk';

export type { Grade, HalsteadMetrics } from './scores';

/** Every complexity metric of one function. Floats are rounded to 2 decimals. */
export interface ComplexityMetrics {
  /** McCabe: 1 + decision points (ESLint's `complexity` rule, classic variant). */
  cyclomatic: number;
  /** SonarSource's cognitive complexity. */
  cognitive: number;
  halstead: HalsteadMetrics;
  /** Maintainability index, 0 (unmaintainable) – 100. */
  maintainability: number;
  /** Lines holding code (not blank, not comment-only), nested located functions left out. */
  sloc: number;
  /** Declared parameters, not counting a TypeScript `this` parameter. */
  params: number;
  /** Deepest nesting of if / switch / try / loop blocks. */
  nesting: number;
  /** Operations that walk a whole collection inside an iteration (scans.ts): the accidental quadratic's shape. */
  nestedScans: number;
  grade: Grade;
}

// The located functions of each parsed file, so measuring every function of a file locates once.
const locatedByFile = new WeakMap<ParsedFile, ReadonlySet<TSESTree.Node>>();

function locatedSet(parsed: ParsedFile, located: LocatedNode): ReadonlySet<TSESTree.Node> {
  let set = locatedByFile.get(parsed);
  if (!set) {
    // Locating again costs about as much as measuring a whole file; measureAll avoids it.
    set = new Set(locateNodes(parsed).map((l) => l.node));
    locatedByFile.set(parsed, set);
  }
  // A caller may pass a node from its own locate call on the same parse; it is the same AST.
  return set.has(located.node) ? set : new Set([...set, located.node]);
}

/** How the function can name itself in a recursive call. */
function selfName(located: LocatedNode): SelfName {
  const { fn, node } = located;
  const self: SelfName = {};
  // A bare call reaches the function only through a binding: `function f`, `const f = ...`.
  const bound = fn.kind === 'declaration' || fn.kind === 'expression' || fn.kind === 'arrow';
  if (bound && fn.name !== 'default') self.bare = fn.name;
  if (node.type !== 'ArrowFunctionExpression' && node.id) self.bare = node.id.name;
  if (!bound && fn.kind !== 'constructor') self.member = fn.name;
  if (fn.qualifiedName.includes('.')) self.dotted = fn.qualifiedName;
  return self;
}

/**
 * Measures one located function of `parsed`. Nested functions that the locator also reports are
 * measured on their own and left out here; anonymous callbacks count as part of this function.
 * Never throws for any AST typescript-estree produces.
 */
export function measureComplexity(parsed: ParsedFile, located: LocatedNode): ComplexityMetrics {
  const { node } = located;
  const tally = walkFunction(node, locatedSet(parsed, located), selfName(located));
  const cognitive = tally.cognitive + (tally.recursive ? 1 : 0);
  const h = halstead(tally.operators, tally.operands);
  const sloc = sourceLines(parsed.ast.tokens, parsed.text, node.range[0], node.range[1], tally.excluded);
  const mi = maintainability(h.volume, tally.cyclomatic, sloc);
  return {
    cyclomatic: tally.cyclomatic,
    cognitive,
    halstead: h,
    maintainability: mi,
    sloc,
    params: node.params.filter((p) => !isThisParam(p)).length,
    nesting: tally.nesting,
    nestedScans: nestedScans(node),
    grade: grade(tally.cyclomatic, cognitive, mi),
  };
}

/**
 * Measures every function the caller located in `parsed`, in the same order. Same results as
 * calling measureComplexity on each, without locating the file a second time.
 */
export function measureAll(parsed: ParsedFile, located: readonly LocatedNode[]): ComplexityMetrics[] {
  if (!locatedByFile.has(parsed)) locatedByFile.set(parsed, new Set(located.map((l) => l.node)));
  return located.map((l) => measureComplexity(parsed, l));
}
