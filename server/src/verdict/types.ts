// The shapes a verdict is made from and made of: shared by the rules engine, the LLM client and the CLI.
import type { GrowthChange, ScalarChange, TimeChange } from './classify';

/** What to do with a change. */
export type Recommendation = 'ACCEPT' | 'REVIEW' | 'REJECT';

/** Which kind of change the rules engine recognised (the seed's scenario table, plus the no-regression cases). */
export type Scenario =
  | 'improvement'
  | 'no-significant-change'
  /** Too noisy to tell: the interval spans well beyond the noise band. */
  | 'inconclusive'
  | 'security-improvement'
  | 'failed-optimisation'
  | 'feature-addition'
  | 'refactoring'
  | 'bug-fix'
  | 'unexplained-regression'
  | 'unchanged-code-slower';

/** A decision on one change. */
export interface Verdict {
  recommendation: Recommendation;
  /** 0–100: ≥ 80 ACCEPT, ≤ 30 REJECT, otherwise REVIEW. */
  score: number;
  /** Who decided: the LLM (possibly reconciled with the rules) or the rules alone. */
  source: 'llm' | 'rules';
  reasoning: string;
  /** 0–1. */
  confidence: number;
  /** The rules engine's scenario, when the rules took part. */
  scenario?: Scenario;
  /** Why the LLM was not used or was overruled, when it was configured. */
  llmNote?: string;
}

/** Static-analysis figures of one version (any may be missing when analysis failed). */
export interface StaticSummary {
  cyclomatic?: number;
  cognitive?: number;
  /** Security findings, as rule ids or short messages. */
  securityFindings?: string[];
  typeErrors?: number;
  /** Number of declared parameters. */
  params?: number;
}

/** Why the change was made, in the author's words. All of it is untrusted text. */
export interface ChangeIntent {
  /** The function's doc comment in the new version. */
  doc?: string;
  /** Messages of commits touching the function, newest first. */
  commits?: string[];
  /** A note the user gave (`--note`, or the panel). */
  note?: string;
}

/** Everything a verdict is decided from. */
export interface VerdictInput {
  /** Qualified name, for messages. */
  functionName: string;
  time: TimeChange;
  memory?: ScalarChange;
  growth?: GrowthChange;
  before: StaticSummary;
  after: StaticSummary;
  oldSource: string;
  newSource: string;
  /** True when the two versions have the same content hash; derived from the sources when omitted. */
  codeUnchanged?: boolean;
  intent: ChangeIntent;
}

/** The decision bands of the seed: ≥ 80 ACCEPT, ≤ 30 REJECT, else REVIEW. */
export function recommendationFor(score: number): Recommendation {
  if (score >= 80) return 'ACCEPT';
  if (score <= 30) return 'REJECT';
  return 'REVIEW';
}
