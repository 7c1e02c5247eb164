// The engine's domain types: what analysis, benchmarks and comparisons return, and the settings they take.
// Owned here and re-exported, never restated, by the protocol and the surfaces.
import type { ComplexityMetrics } from '../analyze/complexity';
import type { TypeErrorFinding } from '../analyze/correctness';
import type { SecurityFinding, SecurityOptions } from '../analyze/security';
import type { BaselineRecord } from '../history/store';
import type { ChangeView, FunctionStatus } from '../history/types';

export type { ChangeView, FunctionStatus, RunView, VerdictView } from '../history/types';
import type { LocatedFunction, SyntaxProblem } from '../locate/types';
import type { BenchResult } from '../profile';
import type { LlmClient } from '../verdict/llm';
import type { Verdict } from '../verdict/types';

/** Static-analysis settings; every field has a default. */
export interface AnalyzeSettings {
  security?: SecurityOptions;
  /** Run the TypeScript checker (the slowest part). Default true. */
  typeCheck?: boolean;
}

/** Correctness of one function: it parsed, and the type errors inside its range. */
export interface Correctness {
  syntaxValid: boolean;
  typeErrors: TypeErrorFinding[];
}

/** Everything static analysis knows about one function. */
export interface FunctionAnalysis {
  fn: LocatedFunction;
  complexity: ComplexityMetrics;
  security: SecurityFinding[];
  correctness: Correctness;
}

/** Static analysis of a whole file. */
export interface FileAnalysis {
  file: string;
  functions: FunctionAnalysis[];
  syntaxErrors: SyntaxProblem[];
  /** Findings outside every function (module scope). */
  moduleSecurity: SecurityFinding[];
  moduleTypeErrors: TypeErrorFinding[];
  /** An analyser that failed on this input: the rest of the report is still valid. */
  problems: string[];
  /** True when only the statements an edit touched were re-parsed. */
  incremental: boolean;
}

export interface EngineOptions {
  /** Root of the user's workspace: tsconfig lookup, `.perflens/` data, history DB. */
  workspaceRoot?: string;
  /** History DB file; default `.perflens/history.db` under the workspace root. */
  dbPath?: string;
  log?: (line: string) => void;
}

/** LLM settings of the editor; the key comes from the client's secret storage, never from settings. */
export interface LlmOptions {
  enabled: boolean;
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
  apiKey?: string;
}

/** How a benchmark runs and what it is judged against; every field has a default. */
export interface BenchSettings {
  nodePath?: string;
  timeoutMs?: number;
  heapMb?: number;
  /** Measuring time per function (ms). */
  budgetMs?: number;
  /** Fit the growth order (default true). */
  growth?: boolean;
  /** Relative change below which a difference is noise (default 0.02). */
  noiseThreshold?: number;
  /** The baseline compared against (default `main`). */
  baselineLabel?: string;
  llm?: LlmOptions;
  /** Why the change was made, for the verdict. */
  note?: string;
}

/** A benchmark as recorded, and its comparison with the baseline when one exists and the code differs from it. */
export interface BenchOutcome {
  result: BenchResult;
  /** What every surface shows for this run: read back from the history when it was recorded. */
  status: FunctionStatus;
  /** False when the history was unavailable (or the function could not be located): nothing was stored. */
  recorded: boolean;
  change?: ChangeView;
  /** The verdict of this run's comparison, when one was made. */
  verdict?: Verdict;
  /** Something the user should know that did not stop the run (the history DB was unavailable, ...). */
  notice?: string;
}

/** Where a baseline applies. */
export type BaselineTarget = { file: string; qualifiedName?: string } | { workspace: true };

/** One function compared with its baseline (shared by `perflens check` and the editor). */
export interface BaselineComparisonRequest {
  file: string;
  text: string;
  report: FileAnalysis;
  current: FunctionAnalysis;
  baseline: BaselineRecord;
  budgetMs?: number;
  noiseThreshold?: number;
  note?: string;
  llm?: LlmClient;
  growth?: boolean;
  typeCheck?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; fraction?: number }) => void;
}

