// Finds regular expressions whose backtracking can take super-linear time (ReDoS), as ESLint rules.
// Our own ambiguity check on the regexpp AST rather than a star-height test; see analyzeRegex.

import { RegExpParser, type AST } from '@eslint-community/regexpp';
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';

/** How bad the worst backtracking of a pattern can get on a crafted input. */
export type RegexBlowup = 'exponential' | 'polynomial';

/** Why a pattern was judged super-linear. */
export interface RegexProblem {
  kind: RegexBlowup;
  /** The part of the pattern at fault, as written. */
  part: string;
  /** One sentence on why it backtracks. */
  reason: string;
}

// Characters every atom is tested against. Comparing atoms on a sample alphabet is an
// over-approximation of "these two can match the same character" that stays exact for ASCII,
// which is where nearly every real overlap lives (\w vs \d, . vs \s, [a-z] vs a).
const SAMPLES: string[] = (() => {
  const out: string[] = [];
  for (let c = 0; c < 128; c++) out.push(String.fromCharCode(c));
  out.push('\u00a0', '\u00e9', '\u00df', '\u0394', '\u0416', '\u05d0', '\u0660', '\u2028', '\u3042', '\u4e00', '\uff10', '\ufeff');
  out.push('\u{1f600}');
  return out;
})();
const ALL = (1n << BigInt(SAMPLES.length)) - 1n;

/** What can start a match of a node, and whether the node can match the empty string. */
interface First {
  mask: bigint;
  nullable: boolean;
}

type Atom = AST.Character | AST.CharacterSet | AST.CharacterClass | AST.ExpressionCharacterClass;

/** Analyzes one pattern; returns its worst problem, or undefined when it is linear or unparsable. */
export function analyzeRegex(pattern: string, flags: string): RegexProblem | undefined {
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch {
    // An invalid pattern throws at run time; that is a correctness issue, not a ReDoS one.
    return undefined;
  }
  return new Analyzer(flags).pattern(ast);
}

class Analyzer {
  private readonly atomFlags: string;
  private readonly atomCache = new Map<string, bigint>();
  // first() is asked about the same nodes from many places; memoised so a long generated
  // pattern stays linear to analyse.
  private readonly firstCache = new Map<AST.Node, First>();
  private polynomial: RegexProblem | undefined;

  constructor(flags: string) {
    // Flags that change what a single character matches; g/y/d/m do not.
    this.atomFlags = [...flags].filter((f) => 'iusv'.includes(f)).join('');
  }

  pattern(ast: AST.Pattern): RegexProblem | undefined {
    const exponential = this.walk(ast);
    return exponential ?? this.polynomial;
  }

  /** Depth-first walk: returns the first exponential problem; records the first polynomial one. */
  private walk(node: AST.Node): RegexProblem | undefined {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup': {
        for (const alt of node.alternatives) {
          const found = this.walk(alt);
          if (found) return found;
        }
        return undefined;
      }
      case 'Assertion': {
        if (node.kind === 'lookahead' || node.kind === 'lookbehind') {
          for (const alt of node.alternatives) {
            const found = this.walk(alt);
            if (found) return found;
          }
        }
        return undefined;
      }
      case 'Alternative':
        this.checkAdjacent(node);
        for (const el of node.elements) {
          const found = this.walk(el);
          if (found) return found;
        }
        return undefined;
      case 'Quantifier':
        return this.checkRepeated(node) ?? this.walk(node.element);
      default:
        return undefined;
    }
  }

  /**
   * Exponential: an unbounded repetition containing an inner repetition whose characters can
   * also be taken by what follows it (the rest of the iteration, or the next iteration), or
   * whose alternatives can match the same text — on a failing input the engine tries every
   * way of splitting the text between iterations.
   */
  private checkRepeated(q: AST.Quantifier): RegexProblem | undefined {
    if (q.max !== Infinity) return undefined;
    for (const inner of innerRepetitions(q.element)) {
      if ((this.chars(inner.element) & this.follow(inner, q)) !== 0n) {
        return {
          kind: 'exponential',
          part: q.raw,
          reason: `the inner repetition ${inner.raw} can take characters that the rest of ${q.raw} (or its next iteration) could also take, so a failing input is tried in exponentially many splits`,
        };
      }
    }
    const el = q.element;
    const alts: AST.Element[][] =
      el.type === 'Group' || el.type === 'CapturingGroup' ? el.alternatives.map((a) => a.elements) : [[el]];
    for (let i = 0; i < alts.length; i++) {
      for (let j = i + 1; j < alts.length; j++) {
        if (this.alternativesOverlap(alts[i]!, alts[j]!)) {
          return {
            kind: 'exponential',
            part: q.raw,
            reason: `two alternatives inside ${q.raw} can match the same text, so a failing input is tried in exponentially many ways`,
          };
        }
      }
    }
    return undefined;
  }

  /**
   * The characters that can come right after one iteration of `node`, up to the end of one
   * iteration of `outer`, including the start of outer's next iteration.
   */
  private follow(node: AST.Quantifier, outer: AST.Quantifier): bigint {
    let mask = 0n;
    let cur: AST.Node = node;
    for (;;) {
      const parent: AST.Node | null = cur.parent;
      if (!parent) return mask;
      if (parent.type === 'Alternative') {
        const rest = parent.elements.slice(parent.elements.indexOf(cur as AST.Element) + 1);
        const f = this.firstOfSequence(rest);
        mask |= f.mask;
        if (!f.nullable) return mask;
        const up: AST.Node = parent.parent;
        // The end of the pattern or of a lookaround: nothing inside outer follows.
        if (up.type !== 'Group' && up.type !== 'CapturingGroup') return mask;
        cur = up;
      } else if (parent.type === 'Quantifier') {
        if (parent.max > 1) mask |= this.first(parent.element).mask;
        if (parent === outer) return mask;
        cur = parent;
      } else {
        return mask;
      }
    }
  }

  private alternativesOverlap(a: AST.Element[], b: AST.Element[]): boolean {
    const fa = this.firstOfSequence(a);
    const fb = this.firstOfSequence(b);
    if ((fa.mask & fb.mask) === 0n) return false;
    // Fixed strings like `ab|ac` share a first character but never the same text: compare them
    // position by position and clear them when some position cannot match the same character.
    const atomsA = a.every(isAtom) ? (a as Atom[]) : undefined;
    const atomsB = b.every(isAtom) ? (b as Atom[]) : undefined;
    if (atomsA && atomsB) {
      const n = Math.min(atomsA.length, atomsB.length);
      for (let k = 0; k < n; k++) {
        if ((this.atom(atomsA[k]!) & this.atom(atomsB[k]!)) === 0n) return false;
      }
    }
    return true;
  }

  /**
   * Polynomial: two unbounded repetitions, the second able to start with a character the first takes, with
   * only optional parts between them (`\d+\d*`, `\s*\w*\s*`), followed by something that can fail: every way of
   * sharing the run between them is tried at every start position.
   */
  private checkAdjacent(alt: AST.Alternative): void {
    if (this.polynomial) return;
    const els = alt.elements;
    for (let i = 0; i < els.length; i++) {
      const a = els[i]!;
      if (a.type !== 'Quantifier' || a.max !== Infinity) continue;
      const aChars = this.chars(a.element);
      for (let j = i + 1; j < els.length; j++) {
        const b = els[j]!;
        // Ambiguous only when b can *start* inside a's run: `\w+(?: \w+)*` splits in one way, since b starts with
        // a space that \w+ cannot take.
        if (b.type === 'Quantifier' && b.max === Infinity && (this.first(b.element).mask & aChars) !== 0n) {
          if (this.canFailAfter(alt, j)) {
            this.polynomial = {
              kind: 'polynomial',
              part: alt.raw.slice(a.start - alt.start, b.end - alt.start),
              reason: `${a.raw} and ${b.raw} can match the same characters, so a long failing input is split between them in quadratically many ways`,
            };
            return;
          }
          break;
        }
        if (!this.first(b).nullable) break;
      }
    }
  }

  /** Whether anything after element j of this alternative (or beyond its group) can reject the match. */
  private canFailAfter(alt: AST.Alternative, j: number): boolean {
    // Inside a group the continuation is outside this alternative: assume it can fail.
    if (alt.parent.type !== 'Pattern') return true;
    return alt.elements.slice(j + 1).some((el) => el.type === 'Assertion' || !this.first(el).nullable);
  }

  private firstOfSequence(elements: AST.Element[]): First {
    let mask = 0n;
    for (const el of elements) {
      const f = this.first(el);
      mask |= f.mask;
      if (!f.nullable) return { mask, nullable: false };
    }
    return { mask, nullable: true };
  }

  private first(node: AST.Element | AST.QuantifiableElement): First {
    let cached = this.firstCache.get(node);
    if (!cached) {
      cached = this.computeFirst(node);
      this.firstCache.set(node, cached);
    }
    return cached;
  }

  private computeFirst(node: AST.Element | AST.QuantifiableElement): First {
    switch (node.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass':
        return { mask: this.atom(node), nullable: false };
      case 'Assertion':
        return { mask: 0n, nullable: true };
      case 'Backreference':
        // What a backreference matches is only known at run time.
        return { mask: ALL, nullable: true };
      case 'Quantifier': {
        const f = this.first(node.element);
        return { mask: f.mask, nullable: node.min === 0 || f.nullable };
      }
      case 'Group':
      case 'CapturingGroup': {
        let mask = 0n;
        let nullable = false;
        for (const alt of node.alternatives) {
          const f = this.firstOfSequence(alt.elements);
          mask |= f.mask;
          nullable ||= f.nullable;
        }
        return { mask, nullable };
      }
      default:
        return { mask: ALL, nullable: true };
    }
  }

  /** Every character a node can consume anywhere (not only first). */
  private chars(node: AST.Element | AST.QuantifiableElement): bigint {
    switch (node.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass':
        return this.atom(node);
      case 'Quantifier':
        return this.chars(node.element);
      case 'Group':
      case 'CapturingGroup': {
        let mask = 0n;
        for (const alt of node.alternatives) for (const el of alt.elements) mask |= this.chars(el);
        return mask;
      }
      case 'Backreference':
        return ALL;
      default:
        return 0n;
    }
  }

  /** The sample characters one atom matches, found by compiling the atom alone with the pattern's flags. */
  private atom(node: Atom): bigint {
    const cached = this.atomCache.get(node.raw);
    if (cached !== undefined) return cached;
    let mask = 0n;
    try {
      const re = new RegExp(`^(?:${node.raw})$`, this.atomFlags);
      SAMPLES.forEach((ch, i) => {
        if (re.test(ch)) mask |= 1n << BigInt(i);
      });
    } catch {
      mask = ALL;
    }
    this.atomCache.set(node.raw, mask);
    return mask;
  }
}

/** Every variable repetition nested anywhere inside a node, lookarounds excluded. */
function innerRepetitions(node: AST.Node): AST.Quantifier[] {
  const out: AST.Quantifier[] = [];
  const visit = (n: AST.Node): void => {
    if (n.type === 'Quantifier') {
      // A fixed count (`a{3}`) is a plain sequence: only variable repetitions can split text.
      if (n.max > n.min) out.push(n);
      visit(n.element);
    } else if (n.type === 'Group' || n.type === 'CapturingGroup' || n.type === 'Alternative') {
      const children = n.type === 'Alternative' ? n.elements : n.alternatives;
      for (const c of children) visit(c);
    }
  };
  visit(node);
  return out;
}

function isAtom(el: AST.Element): el is Atom {
  return el.type === 'Character' || el.type === 'CharacterSet' || el.type === 'CharacterClass' || el.type === 'ExpressionCharacterClass';
}

/** The pattern and flags of a regex literal, or of `RegExp(...)`/`new RegExp(...)` with static strings. */
function regexOf(node: ESTree.Node): { pattern: string; flags: string } | undefined {
  if (node.type === 'Literal' && 'regex' in node && node.regex) return node.regex;
  if ((node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp') {
    const pattern = staticString(node.arguments[0]);
    if (pattern === undefined) return undefined;
    const flags = node.arguments.length > 1 ? staticString(node.arguments[1]) : '';
    return flags === undefined ? undefined : { pattern, flags };
  }
  return undefined;
}

function staticString(node: ESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A rule reporting regexes of one blowup class, so each class can carry its own severity. */
function superLinearRule(kind: RegexBlowup): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: `Regular expressions with ${kind} worst-case backtracking (ReDoS).` },
      schema: [],
    },
    create(context) {
      const check = (node: ESTree.Node): void => {
        const re = regexOf(node);
        if (!re) return;
        const problem = analyzeRegex(re.pattern, re.flags);
        if (problem?.kind !== kind) return;
        context.report({
          node,
          message: `Regular expression /${re.pattern}/ can take ${kind} time on a crafted input: ${problem.reason}. Make the repetitions unambiguous (e.g. possessive-style splits or disjoint character classes) or bound the input length.`,
        });
      };
      return { Literal: check, NewExpression: check, CallExpression: check };
    },
  };
}

/** `perflens/exponential-regex`: nested or ambiguous unbounded repetitions. */
export const exponentialRegexRule = superLinearRule('exponential');
/** `perflens/polynomial-regex`: adjacent overlapping unbounded repetitions. */
export const polynomialRegexRule = superLinearRule('polynomial');
