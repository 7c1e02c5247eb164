// Reads why a change was made from what its author wrote: the user's note, commit messages, what the doc comment
// says now that it did not say before, and comments added in or just above the function. Kinds are recognised by
// phrase, but any statement counts as a stated reason: a reason we cannot classify is reported as such, never as
// the author's fault.
import type { ChangeIntent } from './types';

/** What a change says it is for. `correctness` (validation, edge cases, fixes) is apart from `security`. */
export type IntentKind = 'optimisation' | 'security' | 'correctness' | 'feature' | 'refactor';

/** The stated intent of a change, as the rules read it. */
export interface ReadIntent {
  kinds: Set<IntentKind>;
  /** The author says the change costs time and why that is acceptable (a trade-off, an expected slowdown). */
  explainsCost: boolean;
  /** The author mentions the growth order or input sizes (quadratic is fine here, inputs stay small). */
  explainsGrowth: boolean;
  /** Some reason was written for this change (note, commit, new doc text or new comment). */
  stated: boolean;
  /** The first statement, shortened, to quote in a reasoning. */
  quote?: string;
  /** Statements left out because they address a reviewer or a model instead of explaining the change. */
  ignored: number;
}

// Phrases per kind. Word starts, so "validates" and "validation" match; each list is what reviewers write.
const KIND_PATTERNS: Record<IntentKind, RegExp> = {
  optimisation: /\b(optimi[sz]\w*|speed\s*(s\s*)?up|faster|quicker|perf(ormance)?\b|memoi[sz]\w*|cach(e|es|ed|ing)\b|fewer allocations?|avoid(s|ing)? (an? )?(copy|copies|allocation)|hot path)/i,
  security: /\b(secur\w*|saniti[sz]\w*|escap(e|es|ed|ing) (html|user|the)|injection|xss|csrf|cve-?\d*|vulnerab\w*|harden\w*|untrusted|prototype pollution|redos|timing attack|constant[- ]time|path traversal|attacker\w*|malicious)/i,
  correctness: /\b(fix(es|ed|ing)?\b|bug\w*|correct(s|ed|ly|ness)?\b|incorrect\w*|wrong\w*|broken|edge[- ]cases?|corner[- ]cases?|validat\w*|verif(y|ies|ied)|check(s|ed|ing)? (for|that|the)|guard(s|ed)? against|handle[sd]?\b|handling|crash\w*|throws?\b|off[- ]by[- ]one|overflow\w*|nan\b|surrogate\w*|unicode|emoji|locale|normali[sz]\w*|round(ing)? error|precision|duplicates?\b|race\b|regression|invalid|malformed|out[- ]of[- ]range|outside (the )?(range|\d)|non-integers?|reject(s|ed|ing)? (invalid|bad|malformed|empty|negative|non-|out|ports?|values?|inputs?)|bad (config\w*|input|value|data))/i,
  feature: /\b(add(s|ed|ing)?\b|feature\w*|supports?\b|supported|new (option|mode|flag|parameter|argument|format)|options?\b|allow(s|ed|ing)?\b|implement\w*|introduc\w*|enabl(e|es|ed|ing)\b|accepts? (an? )?\w+ (argument|parameter))/i,
  refactor: /\b(refactor\w*|clean\s*-?\s*up|cleanup|simplif\w*|restructur\w*|readab\w*|tid(y|ied|ies)|extract\w*|renam\w*|inline[ds]?\b|moderni[sz]\w*|no (behaviou?r|functional) change|same behaviou?r|idiomatic)/i,
};

/** The author accepts a cost on purpose. */
const COST_WORDS = /\b(slower|slowdown|costs?\b|costlier|trade[- ]?offs?|overhead|worth (it|the)|at the (expense|cost) of|expected to be|acceptable|price of|in exchange|extra (work|pass|time|allocation))/i;
/** The author talks about growth or input sizes. */
const GROWTH_WORDS = /\b(quadratic|o\(n[\s^²2*]|linear|complexity|inputs? (are|stay|is) (small|tiny|bounded)|at most \d+|small (inputs?|lists?|arrays?|n\b)|n is (small|bounded))/i;

/** Text that tries to instruct whoever reads it (a model, a reviewer): never a reason for a change. */
const INSTRUCTION = /\b(ignore|disregard|forget) (all |any )?(the )?(previous|prior|above|earlier|your) (instructions|rules|prompts?)|\byou are now\b|\bsystem prompt\b|\b(answer|respond|reply) (with )?(ACCEPT|REJECT|REVIEW)\b|\bscore (of )?100\b/i;

/** Sentences of `text` (split on sentence ends and line breaks), trimmed, without empty ones. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^[\s*/-]+/, '').trim())
    .filter((s) => s.length > 0);
}

/** JSDoc tags that carry no reason (`@param x`, `@returns`), kept out of the statement. */
function withoutTagLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*@(param|returns?|throws|typedef|type|template|example|see)\b/.test(l))
    .join('\n');
}

/**
 * What the doc comment says now that it did not say before: a sentence the old doc also had describes the
 * function, not the change. Without an old doc (a caller that does not know it), the whole new doc counts.
 */
export function docDelta(oldDoc: string | undefined, newDoc: string | undefined): string {
  if (!newDoc) return '';
  const old = new Set(sentences(withoutTagLines(oldDoc ?? '')).map((s) => s.toLowerCase()));
  return sentences(withoutTagLines(newDoc))
    .filter((s) => !old.has(s.toLowerCase()))
    .join(' ');
}

/** The statements that speak for this change, most direct first: note, commits, new doc text, new comments. */
export function statements(intent: ChangeIntent): string[] {
  const doc = intent.oldDoc !== undefined || intent.doc !== undefined ? docDelta(intent.oldDoc, intent.doc) : '';
  return [intent.note, ...(intent.commits ?? []), doc, ...(intent.comments ?? [])].map((s) => (s ?? '').trim()).filter((s) => s.length > 0);
}

/** Reads the intent of a change. */
export function readIntent(intent: ChangeIntent): ReadIntent {
  const all = statements(intent);
  const said = all.filter((s) => !INSTRUCTION.test(s));
  const text = said.join('\n');
  const kinds = new Set<IntentKind>();
  for (const [kind, pattern] of Object.entries(KIND_PATTERNS) as [IntentKind, RegExp][]) if (pattern.test(text)) kinds.add(kind);
  const first = said[0]?.split('\n')[0]?.trim();
  return {
    kinds,
    explainsCost: COST_WORDS.test(text),
    explainsGrowth: GROWTH_WORDS.test(text),
    stated: said.length > 0,
    ignored: all.length - said.length,
    ...(first ? { quote: first.length > 120 ? `${first.slice(0, 117)}…` : first } : {}),
  };
}
