// The rules engine: always runs, and is the verdict when no LLM is configured. It places a change in a scenario
// (security, feature, refactoring, correctness fix, failed optimisation, unchanged code, unexplained) from the
// measurements, the static-analysis delta and the stated intent, and scores it on a curve that falls with the
// measured cost in every scenario. docs/verdicts.md has the curves and why.
import { describeRatio, formatNs, formatRatio, pValueText } from '../format';
import { growthRank } from './classify';
import { findingsDelta, findingText } from './findings';
import { readIntent, type ReadIntent } from './intent';
import { recommendationFor, type Scenario, type Verdict, type VerdictInput } from './types';

/** A score curve: [time ratio, score] points, interpolated on log(ratio), flat beyond both ends. */
type Curve = ReadonlyArray<readonly [number, number]>;

/**
 * Score curves per scenario. Every one falls as the change gets slower; the REJECT line (30) is crossed at ×2
 * for features and refactorings without a stated reason for the cost, where the issue's reviewers drew it.
 */
export const CURVES = {
  /** A real finding removed. Bound: ACCEPT up to ×2 — removing eval, a ReDoS or an injection usually costs
   * an extra pass over the input, and a reviewer signs that; beyond ×2 ask whether a cheaper fix exists. */
  securityFix: [[1, 90], [1.5, 85], [2, 80], [4, 60], [10, 40]],
  /** Hardening claimed in words, no finding removed: ACCEPT only when nearly free; review the rest. */
  securityClaim: [[1, 82], [1.1, 80], [1.3, 75], [2, 60], [4, 45], [10, 35]],
  /** Meant to be faster and is slower. */
  failedOptimisation: [[1, 25], [2, 10]],
  /** Validation, edge cases, a bug fixed: a correct answer is worth a little time. */
  correctness: [[1, 85], [1.2, 80], [1.5, 68], [2, 50], [4, 35], [10, 20]],
  feature: [[1, 85], [1.3, 80], [1.6, 65], [2, 45], [2.01, 30], [4, 20], [10, 10]],
  /** A feature whose author says what the extra time buys. */
  featureCostExplained: [[1, 85], [1.3, 80], [2, 55], [4, 40], [10, 31]],
  /** A refactoring that lowered complexity. */
  refactorSimpler: [[1, 85], [1.1, 80], [1.3, 65], [2, 40], [2.01, 30], [10, 5]],
  refactor: [[1, 78], [1.3, 60], [2, 40], [2.01, 30], [10, 5]],
  /** Any scenario but failed optimisation when the author explains the cost: never below REVIEW up to ×10. */
  costExplained: [[1, 75], [2, 50], [4, 40], [10, 31]],
  /** A reason was given but not recognised: leaning to REVIEW, not blame. */
  reasonUnrecognised: [[1, 65], [1.5, 50], [2, 35], [2.01, 30], [10, 10]],
  unexplained: [[1, 55], [1.2, 45], [1.5, 31], [2, 22], [10, 5]],
} as const satisfies Record<string, Curve>;

/** The score of `ratio` on `curve`. */
export function onCurve(curve: Curve, ratio: number): number {
  const x = Math.log(Math.max(ratio, 1e-9));
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  if (x <= Math.log(first[0])) return first[1];
  if (x >= Math.log(last[0])) return last[1];
  for (let i = 1; i < curve.length; i++) {
    const [r1, s1] = curve[i]!;
    if (x <= Math.log(r1)) {
      const [r0, s0] = curve[i - 1]!;
      return s0 + ((s1 - s0) * (x - Math.log(r0))) / (Math.log(r1) - Math.log(r0));
    }
  }
  return last[1];
}

/** Caps: a new real security finding, and a growth order that crosses into polynomial time. */
export const CAPS = { newError: 20, newWarning: 30, growthUnexplained: 25, growthExplained: 60, growthMinor: 70, typeErrors: 50 } as const;
/** Rank of O(n²) in classify's order table: crossing into it or beyond is the accidental quadratic. */
const QUADRATIC_RANK = growthRank('O(n^2)')!;

/**
 * How much a worsened growth order weighs: `quadratic` when it crosses into O(n²) or worse and the time regressed
 * too (the accidental quadratic), `minor` for a smaller step with a measured slowdown or a crossing without one;
 * nothing when only the fit moved among low orders and the time did not (a fit on few sizes can wobble).
 */
export function growthRisk(input: VerdictInput): 'quadratic' | 'minor' | undefined {
  const g = input.growth;
  const slower = input.time.classification === 'regression';
  // The code's own shape counts as much as a fit: inputs with many repeats (tags from a small vocabulary)
  // make `indexOf` inside `filter` measure as linear, yet a reviewer rejects it on sight.
  if (slower && addedScans(input) > 0) return 'quadratic';
  if (g?.classification !== 'regression') return undefined;
  const into = (growthRank(g.current) ?? 0) >= QUADRATIC_RANK && (growthRank(g.baseline) ?? 0) < QUADRATIC_RANK;
  if (into) return slower ? 'quadratic' : 'minor';
  return slower ? 'minor' : undefined;
}

/** Walks over a whole collection inside an iteration that the change added (analyze/complexity/scans.ts). */
export function addedScans(input: VerdictInput): number {
  return Math.max(0, (input.after.nestedScans ?? 0) - (input.before.nestedScans ?? 0));
}

/** What the verdict says about a worsened growth: the measured orders, and the nested walks the change added. */
export function growthText(input: VerdictInput): string {
  const g = input.growth;
  const added = addedScans(input);
  const measured = g?.classification === 'regression' ? `growth order worsened ${g.baseline} → ${g.current}` : undefined;
  const scans = added > 0 ? `the change adds ${added} walk${added === 1 ? '' : 's'} over a whole collection inside a loop or an iterating callback (an accidental quadratic's shape${g ? `; measured ${g.baseline} → ${g.current} on these inputs` : ''})` : undefined;
  return [measured, scans].filter(Boolean).join('; ');
}

/** Strips comments and whitespace so formatting-only edits count as the same code. */
function normalise(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/\s+/g, '');
}

/** The measured change in one sentence: size in words, absolute medians, CI and p-value. */
export function measuredFacts(input: VerdictInput): string {
  const t = input.time;
  const base = input.measurements?.baseline.medianNs ?? t.baselineMedianNs;
  const cur = input.measurements?.current.medianNs ?? t.currentMedianNs;
  const size = t.classification === 'unchanged' ? `no change beyond the ${(t.noiseThreshold * 100).toFixed(0)}% noise band` : describeRatio(t.ratio);
  return `${size} (${formatNs(base)} → ${formatNs(cur)} per call, ratio 95% CI ${formatRatio(t.ci95[0])} … ${formatRatio(t.ci95[1])}, ${pValueText(t.pValue)})`;
}

function quoteOf(intent: ReadIntent): string {
  return intent.quote ? ` ("${intent.quote}")` : '';
}

/**
 * Decides a verdict from statistics, the static-analysis delta and the stated intent, without an LLM.
 * See {@link CURVES} for the scores per scenario and {@link CAPS} for the limits applied after.
 */
export function rulesVerdict(input: VerdictInput): Verdict {
  const { time, before, after } = input;
  const intent = readIntent(input.intent);
  const codeUnchanged = input.codeUnchanged ?? normalise(input.oldSource) === normalise(input.newSource);
  const findings = findingsDelta(before, after, input.oldSource, input.newSource);
  const complexityImproved =
    (before.cyclomatic !== undefined && after.cyclomatic !== undefined && after.cyclomatic < before.cyclomatic) ||
    (before.cognitive !== undefined && after.cognitive !== undefined && after.cognitive < before.cognitive);
  const typeErrorsFixed = (before.typeErrors ?? 0) > (after.typeErrors ?? 0);
  const paramsAdded = before.params !== undefined && after.params !== undefined && after.params > before.params;
  const r = time.ratio;
  const facts = measuredFacts(input);
  const { kinds } = intent;
  // A removed error is a fix in itself; a removed warning is one when the author says the change is about security
  // (otherwise it is a side effect of a rewrite, and must not excuse the rewrite's cost).
  const securityFix = findings.removed.filter((f) => f.severity === 'error' || kinds.has('security'));

  let scenario: Scenario;
  let score: number;
  let confidence: number;
  let why: string;

  if (time.classification === 'regression' && codeUnchanged) {
    scenario = 'unchanged-code-slower';
    score = onCurve([[1, 15], [1.5, 5]], r);
    confidence = 0.85;
    why = 'The code is unchanged, so this is the environment (load, thermal state, another process), not the code. Reject the measurement and re-run on a quiet machine.';
  } else if (time.classification === 'improvement') {
    scenario = 'improvement';
    score = onCurve([[1, 90], [0.7, 100]], r);
    confidence = 0.9;
    why = `${input.functionName} got faster.`;
  } else if (time.classification === 'unchanged' && !time.conclusive) {
    scenario = 'inconclusive';
    score = 55;
    confidence = 0.3;
    why = 'The measurement is too noisy to decide. Re-run with a larger budget on a quieter machine.';
  } else if (time.classification === 'unchanged') {
    scenario = 'no-significant-change';
    score = 85;
    confidence = time.significant ? 0.7 : 0.8;
    why = 'No measurable cost.';
  } else if (securityFix.length > 0) {
    scenario = 'security-improvement';
    score = onCurve(CURVES.securityFix, r);
    confidence = 0.8;
    why = `It removes ${securityFix.map(findingText).join(', ')}; a security fix is worth up to ×2 the time${r > 2 ? ', and this costs more: check whether a cheaper fix exists' : ''}.`;
  } else if (kinds.has('security')) {
    scenario = 'security-improvement';
    score = onCurve(CURVES.securityClaim, r);
    confidence = 0.6;
    why = `The stated intent is security hardening${quoteOf(intent)}, but static analysis shows no finding removed: review that the hardening is real and worth the cost.`;
  } else if (kinds.has('optimisation') && !kinds.has('feature') && !kinds.has('correctness')) {
    scenario = 'failed-optimisation';
    score = onCurve(CURVES.failedOptimisation, r);
    confidence = 0.75;
    why = `The change was meant to make it faster${quoteOf(intent)}, but it is slower: the optimisation failed.`;
  } else if (kinds.has('correctness') || typeErrorsFixed) {
    scenario = 'bug-fix';
    score = onCurve(intent.explainsCost ? CURVES.costExplained : CURVES.correctness, r);
    if (intent.explainsCost) score = Math.max(score, onCurve(CURVES.correctness, r));
    confidence = 0.6;
    why = `A correctness change${quoteOf(intent) || (typeErrorsFixed ? ' (type errors fixed)' : '')}: ${r <= 1.2 ? 'a correct answer is worth this small cost' : r <= 2 ? 'review whether the fix needs this much time' : 'the fix costs more than double: review for a cheaper one'}.`;
  } else if (kinds.has('feature') || paramsAdded) {
    scenario = 'feature-addition';
    score = onCurve(intent.explainsCost ? CURVES.featureCostExplained : CURVES.feature, r);
    confidence = paramsAdded ? 0.7 : 0.6;
    why =
      r <= 1.3
        ? `An added feature${quoteOf(intent)} justifies a cost under 30%.`
        : r <= 2 || intent.explainsCost
          ? `An added feature${quoteOf(intent)} costing ${describeRatio(r)}: review whether it is worth it.`
          : `An added feature${quoteOf(intent)} more than doubles the time, and nothing written says why it must.`;
  } else if (kinds.has('refactor') || complexityImproved) {
    scenario = 'refactoring';
    const curve = complexityImproved ? CURVES.refactorSimpler : CURVES.refactor;
    score = onCurve(curve, r);
    if (intent.explainsCost) score = Math.max(score, onCurve(CURVES.costExplained, r));
    confidence = complexityImproved ? 0.7 : 0.55;
    const simpler = complexityImproved ? ` that lowered complexity (cyclomatic ${before.cyclomatic ?? '?'} → ${after.cyclomatic ?? '?'})` : '';
    why =
      r > 2 && !intent.explainsCost
        ? `A refactoring${simpler} should not more than double the time, and nothing written says why it must.`
        : `A refactoring${simpler}${quoteOf(intent)}: ${score >= 80 ? 'the cost is small' : 'review whether it pays for its cost'}.`;
  } else {
    scenario = 'unexplained-regression';
    const curve = intent.explainsCost ? CURVES.costExplained : intent.stated ? CURVES.reasonUnrecognised : CURVES.unexplained;
    score = onCurve(curve, r);
    confidence = intent.stated ? 0.55 : 0.7;
    why = !intent.stated
      ? 'No reason was given for the slowdown (no note, commit message, new doc text or comment).'
      : intent.explainsCost
        ? `The author accepts the cost${quoteOf(intent)}: review the trade-off.`
        : `A reason was given${quoteOf(intent)}, but no reason was recognised as a feature, fix, security or refactoring: a reviewer should read it.`;
  }

  // Caps: problems no scenario outweighs.
  const notes: string[] = [];
  let ceiling: Verdict['ceiling'];
  if (findings.added.length > 0) {
    const worst = findings.added.some((f) => f.severity === 'error') ? CAPS.newError : CAPS.newWarning;
    score = Math.min(score, worst);
    const what = findings.added.map(findingText).join(', ');
    ceiling = { score: worst, why: `new security finding in the changed lines: ${what}` };
    notes.push(`new security finding in the changed lines: ${what}`);
  }
  const incidental = findings.removed.filter((f) => !securityFix.includes(f));
  if (incidental.length > 0 && scenario !== 'improvement') notes.push(`no longer reports ${incidental.map((f) => f.ruleId).join(', ')} (a side effect, not counted as a security fix)`);
  if (intent.ignored > 0) notes.push(`${intent.ignored} statement(s) addressed to the reviewer rather than explaining the change were not read as reasons`);
  if (findings.addedInfo.length > 0) notes.push(`new hints (not deciding): ${findings.addedInfo.map((f) => f.ruleId).join(', ')}`);
  if ((after.typeErrors ?? 0) > (before.typeErrors ?? 0)) {
    score = Math.min(score, CAPS.typeErrors);
    notes.push(`type errors rose from ${before.typeErrors ?? 0} to ${after.typeErrors}`);
  }
  const g = input.growth;
  const risk = growthRisk(input);
  if (risk) {
    const explained = intent.explainsGrowth;
    const cap = risk === 'minor' ? CAPS.growthMinor : explained ? CAPS.growthExplained : CAPS.growthUnexplained;
    score = Math.min(score, cap);
    notes.push(`${growthText(input)}${risk === 'quadratic' && !explained ? ', and nothing written explains it' : ''}`);
  } else if (g?.classification === 'regression') {
    notes.push(`the growth fit moved ${g.baseline} → ${g.current} without a measured slowdown (not counted)`);
  }
  if (input.memory?.classification === 'regression') {
    score -= 5;
    notes.push(`allocation per call rose ${Math.round(input.memory.baseline)} → ${Math.round(input.memory.current)} bytes`);
  }
  score = Math.round(Math.min(100, Math.max(0, score)));
  const reasoning = `${capitalise(facts)}. ${why}${notes.length ? ` Also: ${notes.join('; ')}.` : ''}`;
  return { recommendation: recommendationFor(score), score, source: 'rules', reasoning, confidence, scenario, facts, ...(ceiling ? { ceiling } : {}) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
