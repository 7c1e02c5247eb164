// The verdict: the rules engine always, then the LLM when configured, reconciled under guardrails.
// Whatever fails (no LLM, timeout, garbage), a verdict comes back, labelled with its source.
import { rulesVerdict } from './rules';
import { buildVerdictPrompt } from './prompt';
import type { LlmAnswer, LlmClient } from './llm';
import { recommendationFor, type Verdict, type VerdictInput } from './types';

/** Options of {@link decideVerdict}. */
export interface DecideOptions {
  /** The LLM reviewer; omitted or disabled means rules only. */
  llm?: LlmClient;
}

/** Decides the verdict of one change. Never throws for LLM failures. */
export async function decideVerdict(input: VerdictInput, options: DecideOptions = {}): Promise<Verdict> {
  const rules = rulesVerdict(input);
  const llm = options.llm;
  if (!llm || !llm.active) return rules;
  const result = await llm.evaluate(buildVerdictPrompt(input, rules));
  if (!result.ok) return { ...rules, llmNote: `LLM not used: ${result.error}` };
  return reconcile(input, rules, result.answer);
}

/**
 * Combines the rules' verdict with the LLM's. Guardrails first: the LLM may not ACCEPT a significant
 * slowdown over 50% with no feature or security gain, nor REJECT a significant improvement the rules accept;
 * then agreement keeps the LLM's words, and disagreement becomes REVIEW with both reasons.
 */
export function reconcile(input: VerdictInput, rules: Verdict, answer: LlmAnswer): Verdict {
  const t = input.time;
  const llmRec = recommendationFor(answer.score) === answer.recommendation ? answer.recommendation : 'REVIEW';
  const gain = rules.scenario === 'feature-addition' || rules.scenario === 'security-improvement';
  const bigSlowdown = t.classification === 'regression' && t.ratio > 1.5;
  if (llmRec === 'ACCEPT' && bigSlowdown && !gain) {
    return guarded(rules, answer, `it cannot ACCEPT a significant ${Math.round((t.ratio - 1) * 100)}% slowdown with no added feature or security gain`);
  }
  if (llmRec === 'REJECT' && t.classification === 'improvement' && rules.recommendation !== 'REJECT') {
    return guarded(rules, answer, 'it cannot REJECT a significant improvement');
  }
  if (llmRec === rules.recommendation) {
    return { recommendation: llmRec, score: answer.score, source: 'llm', reasoning: answer.reasoning, confidence: answer.confidence, scenario: rules.scenario };
  }
  const score = Math.round(Math.min(79, Math.max(31, (answer.score + rules.score) / 2)));
  return {
    recommendation: 'REVIEW',
    score,
    source: 'llm',
    reasoning: `The rules and the LLM disagree. Rules (${rules.recommendation}, ${rules.score}): ${rules.reasoning} LLM (${llmRec}, ${answer.score}): ${answer.reasoning}`,
    confidence: Math.min(rules.confidence, answer.confidence),
    scenario: rules.scenario,
  };
}

function guarded(rules: Verdict, answer: LlmAnswer, why: string): Verdict {
  return {
    ...rules,
    reasoning: `${rules.reasoning} (The LLM answered ${answer.recommendation} ${answer.score} — "${answer.reasoning}" — overruled: ${why}.)`,
    llmNote: `guardrail: ${why}`,
  };
}
