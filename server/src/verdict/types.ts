// The shapes a verdict is made from and made of: shared by the rules engine, the LLM client and the CLI.
import type { LineDelta } from '../profile/lines/types';
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
  /**
   * The measured facts the verdict rests on, in one sentence (change with CI and medians, growth, findings);
   * kept at the head of the reasoning whoever decided.
   */
  facts?: string;
  /** A hard limit the rules set that no model may lift: a new real security finding. */
  ceiling?: { score: number; why: string };
}

/** One security finding, placed in the function's own source. */
export interface FindingSummary {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 0-based line within the function's source, when known. */
  line?: number;
}

/** Static-analysis figures of one version (any may be missing when analysis failed). */
export interface StaticSummary {
  cyclomatic?: number;
  cognitive?: number;
  /** Security findings, as rule ids. */
  securityFindings?: string[];
  /** The same findings in detail; when present, verdicts use these (severity, message and line decide "new"). */
  findings?: FindingSummary[];
  typeErrors?: number;
  /** Number of declared parameters. */
  params?: number;
  /** Operations walking a whole collection inside a loop or an iterating callback (analyze/complexity/scans.ts). */
  nestedScans?: number;
}

/** Why the change was made, in the author's words. All of it is untrusted text. */
export interface ChangeIntent {
  /** The function's doc comment in the new version. */
  doc?: string;
  /**
   * The doc comment of the old version ('' when it had none). When given, only what the new doc adds counts as
   * a reason for the change; when omitted (unknown), the whole new doc does.
   */
  oldDoc?: string;
  /** Comments the change added inside the function or just above it. */
  comments?: string[];
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
  /** Absolute figures of each side, for the reasoning and the prompt (a ratio alone has no scale). */
  measurements?: { baseline: SideFigures; current: SideFigures };
  /** Module-level declarations either version uses (constants, helpers, types), as written. */
  moduleDeclarations?: string[];
  /** The inputs the benchmark ran on (the profiler's `inputs` block); shown to the LLM. */
  inputs?: unknown;
  /** How each line's cost changed, largest growth first (empty when either side was not profiled). */
  lines?: LineDelta[];
}

/** One side's measured figures. */
export interface SideFigures {
  medianNs: number;
  ci95Ns: [number, number];
  samples: number;
  allocatedBytesPerCall?: number;
}

/** The decision bands of the seed: ≥ 80 ACCEPT, ≤ 30 REJECT, else REVIEW. */
export function recommendationFor(score: number): Recommendation {
  if (score >= 80) return 'ACCEPT';
  if (score <= 30) return 'REJECT';
  return 'REVIEW';
}
