// The verdict: the rules engine always, then the LLM when configured, reconciled under guardrails.
// Whatever fails (no LLM, timeout, garbage), a verdict comes back, labelled with its source.
import { describeRatio, linesThatGrewText } from '../format';
import { buildVerdictPrompt, lineDiff } from './prompt';
import { readIntent } from './intent';
import { growthRisk, growthText, rulesVerdict } from './rules';
import { grownLines } from '../profile/lines/diff';
import type { LlmAnswer, LlmClient } from './llm';
import { recommendationFor, type Verdict, type VerdictInput } from './types';

/** Options of {@link decideVerdict}. */
export interface DecideOptions {
  /** The LLM reviewer; omitted or disabled means rules only. */
  llm?: LlmClient;
}

/** Decides the verdict of one change. Never throws for LLM failures. The model never sees the rules' verdict. */
export async function decideVerdict(input: VerdictInput, options: DecideOptions = {}): Promise<Verdict> {
  const rules = namingGrownLines(rulesVerdict(input), input);
  const llm = options.llm;
  if (!llm || !llm.active) return rules;
  const result = await llm.evaluate(buildVerdictPrompt(input));
  if (!result.ok) return { ...rules, llmNote: `LLM not used: ${result.error}` };
  return reconcile(input, rules, result.answer);
}

/** Whitespace-insensitive form of code for matching a model's quote against the diff. */
const squash = (s: string): string => s.replace(/\s+/g, '');

/** A slowdown's reasoning names the lines whose cost grew most (the prompt carries them on its own: buildVerdictPrompt). */
function namingGrownLines(rules: Verdict, input: VerdictInput): Verdict {
  const grown = input.time.classification === 'regression' ? linesThatGrewText(grownLines(input.lines ?? []), { text: false }) : '';
  return grown ? { ...rules, reasoning: `${rules.reasoning} ${grown}` } : rules;
}

/**
 * The first risk the model names whose quote is code the change added (at least a few characters, found in an
 * added line of the diff): a concrete behavioural risk rather than a general worry.
 */
export function concreteRisk(input: VerdictInput, answer: LlmAnswer): { quote: string; risk: string } | undefined {
  const added = lineDiff(input.oldSource, input.newSource)
    .split('\n')
    .filter((l) => l.startsWith('+ '))
    .map((l) => squash(l.slice(2)))
    .join('\n');
  for (const r of answer.risks ?? []) {
    const q = squash(r.quote);
    if (q.length >= 4 && r.risk.trim() && added.includes(q)) return r;
  }
  return undefined;
}

/**
 * Combines the rules' verdict with the LLM's. Guardrails first, in this order:
 * 1. a ceiling the rules set for a new real security finding is never lifted;
 * 2. a measured no-change stays ACCEPT unless the model quotes a concrete risk in the changed code (then REVIEW);
 * 3. no ACCEPT of a significant slowdown over 50%, or of a worsened growth order, that nothing written explains;
 * 4. no REJECT of a significant improvement the rules accept.
 * Then agreement keeps the measured facts and adds the model's words; disagreement is REVIEW with both reasons.
 */
export function reconcile(input: VerdictInput, rules: Verdict, answer: LlmAnswer): Verdict {
  const t = input.time;
  const llmRec = recommendationFor(answer.score) === answer.recommendation ? answer.recommendation : 'REVIEW';
  const facts = rules.facts ? `${rules.facts.charAt(0).toUpperCase()}${rules.facts.slice(1)}.` : '';
  const intent = readIntent(input.intent);

  if (rules.ceiling && answer.score > rules.ceiling.score) {
    return guarded(rules, answer, `it cannot lift a score capped by a ${rules.ceiling.why}`);
  }
  const measuredNoChange = rules.scenario === 'no-significant-change' || rules.scenario === 'improvement';
  if (measuredNoChange && rules.recommendation === 'ACCEPT' && llmRec !== 'ACCEPT') {
    const risk = concreteRisk(input, answer);
    if (!risk) return guarded(rules, answer, `a measured ${rules.scenario === 'improvement' ? 'improvement' : 'no-change'} stays ACCEPT unless a concrete behavioural risk in the changed code is named`);
    return {
      recommendation: 'REVIEW',
      score: 65,
      source: 'llm',
      reasoning: `${facts} The LLM names a behavioural risk in the changed code: \`${risk.quote.trim()}\` — ${risk.risk.trim()}`,
      confidence: Math.min(rules.confidence, answer.confidence),
      ...(rules.scenario ? { scenario: rules.scenario } : {}),
      ...(rules.facts ? { facts: rules.facts } : {}),
    };
  }
  if (llmRec === 'ACCEPT' && rules.recommendation !== 'ACCEPT') {
    const gain = rules.scenario === 'feature-addition' || rules.scenario === 'security-improvement' || rules.scenario === 'bug-fix';
    const bigSlowdown = t.classification === 'regression' && t.ratio > 1.5;
    if (bigSlowdown && !(gain && intent.explainsCost) && rules.recommendation === 'REJECT') {
      return guarded(rules, answer, `it cannot ACCEPT a change measured ${describeRatio(t.ratio)} that nothing written explains`);
    }
    if (bigSlowdown && !gain) {
      return guarded(rules, answer, `it cannot ACCEPT a change measured ${describeRatio(t.ratio)} with no added feature, fix or security gain`);
    }
    if (growthRisk(input) === 'quadratic' && !intent.explainsGrowth) {
      return guarded(rules, answer, `it cannot ACCEPT an accidental quadratic (${growthText(input)}) without a stated reason`);
    }
  }
  if (llmRec === 'REJECT' && t.classification === 'improvement' && rules.recommendation !== 'REJECT') {
    return guarded(rules, answer, 'it cannot REJECT a significant improvement');
  }
  const base = { source: 'llm' as const, ...(rules.scenario ? { scenario: rules.scenario } : {}), ...(rules.facts ? { facts: rules.facts } : {}) };
  if (llmRec === rules.recommendation) {
    return { ...base, recommendation: llmRec, score: answer.score, reasoning: `${facts} LLM: ${answer.reasoning}`.trim(), confidence: answer.confidence };
  }
  const score = Math.round(Math.min(79, Math.max(31, (answer.score + rules.score) / 2)));
  return {
    ...base,
    recommendation: 'REVIEW',
    score,
    reasoning: `The rules and the LLM disagree. Rules (${rules.recommendation}, ${rules.score}): ${rules.reasoning} LLM (${llmRec}, ${answer.score}): ${answer.reasoning}`,
    confidence: Math.min(rules.confidence, answer.confidence),
  };
}

function guarded(rules: Verdict, answer: LlmAnswer, why: string): Verdict {
  return {
    ...rules,
    reasoning: `${rules.reasoning} (The LLM answered ${answer.recommendation} ${answer.score} — "${answer.reasoning}" — overruled: ${why}.)`,
    llmNote: `guardrail: ${why}`,
  };
}
