// The rules engine: always runs, and is the verdict when no LLM is configured. It places a change in the
// seed's scenario table (security, feature, refactoring, bug fix, failed optimisation, unchanged code) and scores it.
import { pValueText } from '../format';
import { recommendationFor, type Scenario, type Verdict, type VerdictInput } from './types';

const SECURITY_WORDS = /\b(secur\w*|saniti[sz]\w*|escap\w*|validat\w*|injection|xss|csrf|cve-?\d*|vulnerab\w*|harden\w*|untrusted)\b/i;
const OPTIMISE_WORDS = /\b(optimi[sz]\w*|speed\s*up|faster|perf(ormance)?|memoi[sz]\w*|cach(e|ing))\b/i;
const FEATURE_WORDS = /\b(add(s|ed)?|feature|support(s|ed)?|new option|option(al)?|allow(s|ed)?|implement\w*|introduc\w*)\b/i;
const REFACTOR_WORDS = /\b(refactor\w*|clean\s*up|cleanup|simplif\w*|restructur\w*|readab\w*|tidy|extract\w*|renam\w*)\b/i;
const BUGFIX_WORDS = /\b(fix(es|ed)?|bug|correct(s|ed|ness)?|edge case|regression test|handle[sd]?|crash\w*|off-by-one)\b/i;

/** Straight line from `from` (at t=0) to `to` (at t=1), t clamped to [0, 1]. */
function lerp(from: number, to: number, t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return from + (to - from) * c;
}

const pct = (x: number): string => `${(x * 100).toFixed(Math.abs(x) < 0.1 ? 1 : 0)}%`;

/** Strips comments and whitespace so formatting-only edits count as the same code. */
function normalise(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/\s+/g, '');
}

/**
 * Decides a verdict from statistics, the static-analysis delta and the stated intent, without an LLM.
 * Scores follow the seed: security improvement 75–90, feature addition 60–80 (ACCEPT under 30% slower),
 * refactoring 70–85 (ACCEPT when complexity improved), bug fix 50–70, failed optimisation 10–25,
 * unchanged code but slower 5–15; an unexplained slowdown scores by size (> 50% is a REJECT).
 */
export function rulesVerdict(input: VerdictInput): Verdict {
  const { time, before, after } = input;
  const intentText = [input.intent.note, ...(input.intent.commits ?? []), input.intent.doc].filter(Boolean).join('\n');
  const codeUnchanged = input.codeUnchanged ?? normalise(input.oldSource) === normalise(input.newSource);
  const slowdown = time.ratio - 1;
  const secBefore = before.securityFindings?.length;
  const secAfter = after.securityFindings?.length;
  const findingsRemoved = secBefore !== undefined && secAfter !== undefined && secAfter < secBefore;
  const findingsAdded = secBefore !== undefined && secAfter !== undefined && secAfter > secBefore;
  const complexityImproved =
    (before.cyclomatic !== undefined && after.cyclomatic !== undefined && after.cyclomatic < before.cyclomatic) ||
    (before.cognitive !== undefined && after.cognitive !== undefined && after.cognitive < before.cognitive);
  const typeErrorsFixed = (before.typeErrors ?? 0) > (after.typeErrors ?? 0);
  const paramsAdded = before.params !== undefined && after.params !== undefined && after.params > before.params;
  const change = `${pct(Math.abs(slowdown))} ${slowdown >= 0 ? 'slower' : 'faster'} (time ratio ${time.ratio.toFixed(3)}, 95% CI ${time.ci95.map((r) => r.toFixed(3)).join('–')}, ${pValueText(time.pValue)})`;

  let scenario: Scenario;
  let score: number;
  let confidence: number;
  let why: string;

  if (time.classification === 'regression' && codeUnchanged) {
    scenario = 'unchanged-code-slower';
    score = lerp(15, 5, slowdown / 0.5);
    confidence = 0.85;
    why = `The code is unchanged yet measured ${change}: this is the environment (load, thermal state, another process), not the code. Reject the measurement and re-run on a quiet machine.`;
  } else if (time.classification === 'improvement') {
    scenario = 'improvement';
    score = lerp(90, 100, -slowdown / 0.3);
    confidence = 0.9;
    why = `${input.functionName} got ${change}.`;
  } else if (time.classification === 'unchanged' && !time.conclusive) {
    scenario = 'inconclusive';
    score = 55;
    confidence = 0.3;
    why = `The measurement is too noisy to decide: ${change}. Re-run with a larger budget on a quieter machine.`;
  } else if (time.classification === 'unchanged') {
    scenario = 'no-significant-change';
    score = 85;
    confidence = time.significant ? 0.7 : 0.8;
    why = `No change beyond the ${pct(time.noiseThreshold)} noise threshold: ${change}.`;
  } else if (findingsRemoved) {
    scenario = 'security-improvement';
    score = lerp(90, 80, slowdown / 1.0);
    confidence = 0.8;
    why = `${change}, but security findings fell from ${secBefore} to ${secAfter}: security outweighs speed.`;
  } else if (OPTIMISE_WORDS.test(intentText)) {
    scenario = 'failed-optimisation';
    score = lerp(25, 10, slowdown / 1.0);
    confidence = 0.75;
    why = `The change was meant to make it faster, but it is ${change}: the optimisation failed.`;
  } else if (SECURITY_WORDS.test(intentText)) {
    scenario = 'security-improvement';
    score = lerp(79, 75, slowdown / 1.0);
    confidence = 0.6;
    why = `${change}; the stated intent is a security hardening, but static analysis shows no finding removed: review that the hardening is real.`;
  } else if (paramsAdded || FEATURE_WORDS.test(intentText)) {
    scenario = 'feature-addition';
    score = slowdown < 0.3 ? 80 : lerp(79, 60, (slowdown - 0.3) / 0.7);
    confidence = paramsAdded ? 0.7 : 0.6;
    why =
      slowdown < 0.3
        ? `${change} for an added feature: under 30% slower, the feature justifies the cost.`
        : `${change} for an added feature: over 30% slower, review whether the feature is worth it.`;
  } else if (complexityImproved || REFACTOR_WORDS.test(intentText)) {
    scenario = 'refactoring';
    score = complexityImproved
      ? slowdown < 0.3
        ? lerp(85, 80, slowdown / 0.3)
        : lerp(79, 70, (slowdown - 0.3) / 0.7)
      : lerp(79, 70, slowdown / 0.5);
    confidence = complexityImproved ? 0.7 : 0.55;
    why = complexityImproved
      ? `${change} after a refactoring that lowered complexity (cyclomatic ${before.cyclomatic ?? '?'} → ${after.cyclomatic ?? '?'}).`
      : `${change} after a refactoring that did not lower complexity: review whether it pays for itself.`;
  } else if (typeErrorsFixed || BUGFIX_WORDS.test(intentText)) {
    scenario = 'bug-fix';
    score = lerp(70, 50, slowdown / 1.0);
    confidence = 0.6;
    why = `${change} for a bug fix: whether it is worth it depends on the bug's severity.`;
  } else {
    scenario = 'unexplained-regression';
    score = slowdown <= 0.2 ? lerp(55, 45, slowdown / 0.2) : slowdown <= 0.5 ? lerp(45, 31, (slowdown - 0.2) / 0.3) : lerp(30, 10, (slowdown - 0.5) / 1.5);
    confidence = 0.7;
    why = intentText
      ? `${change}, and the stated intent names no feature, security, refactoring or bug fix that would justify it.`
      : `${change} with no stated reason (no feature, security, refactoring or fix intent found).`;
  }

  // Caps: problems that outweigh any scenario.
  const notes: string[] = [];
  if (findingsAdded) {
    score = Math.min(score, 25);
    notes.push(`new security findings: ${(after.securityFindings ?? []).filter((f) => !(before.securityFindings ?? []).includes(f)).join(', ') || `${secBefore} → ${secAfter}`}`);
  }
  if ((after.typeErrors ?? 0) > (before.typeErrors ?? 0)) {
    score = Math.min(score, 50);
    notes.push(`type errors rose from ${before.typeErrors ?? 0} to ${after.typeErrors}`);
  }
  if (input.growth?.classification === 'regression') {
    const justified = scenario === 'feature-addition' || scenario === 'security-improvement';
    score = Math.min(score, justified ? 70 : 45);
    notes.push(`growth order worsened ${input.growth.baseline} → ${input.growth.current}`);
  }
  if (input.memory?.classification === 'regression') {
    score -= 5;
    notes.push(`allocation per call rose ${Math.round(input.memory.baseline)} → ${Math.round(input.memory.current)} bytes`);
  }
  score = Math.round(Math.min(100, Math.max(0, score)));
  const reasoning = notes.length ? `${why} Also: ${notes.join('; ')}.` : why;
  return { recommendation: recommendationFor(score), score, source: 'rules', reasoning, confidence, scenario };
}
