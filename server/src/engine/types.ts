// The engine's domain types: what analysis, benchmarks and comparisons return, and the settings they take.
// Owned here and re-exported, never restated, by the protocol and the surfaces.
import type { ComplexityMetrics } from '../analyze/complexity';
import type { TypeErrorFinding } from '../analyze/correctness';
import type { SecurityFinding, SecurityOptions } from '../analyze/security';
import type { BaselineRecord } from '../history/store';
import type { ChangeView, FunctionStatus, RunView } from '../history/types';
import type { Comparison } from './compare';

export type { ChangeView, FunctionStatus, RunView, VerdictView } from '../history/types';
export type { BaselineSetResult } from '../history/baselines';
export type { CalleeCost, LineCost, LineDelta } from '../profile/lines/types';
import type { LocatedFunction, SyntaxProblem } from '../locate/types';
import type { BenchResult } from '../profile';
import type { Verdict } from '../verdict/types';
import type { LineDelta } from '../profile/lines/types';

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
  /** Where notices meant for the user go (the history DB was moved aside, ...); default `log`. */
  notify?: (message: string) => void;
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
  /** Further environment variables the sandbox gets (`perflens.sandbox.env`). */
  sandboxEnv?: string[];
  /** Refuse to run without OS isolation (`perflens.sandbox.requireIsolation`). */
  requireIsolation?: boolean;
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
  /** How each line's cost changed against the baseline, largest growth first (with `change`). */
  lineChanges?: LineDelta[];
  /** Something the user should know that did not stop the run (the history DB was unavailable, ...). */
  notice?: string;
}

/** Where a baseline applies: one function, one file, every source file under a folder, or the workspace. */
export type BaselineTarget = { file: string; qualifiedName?: string } | { folder: string } | { workspace: true };

/** A stored baseline and whether today's code still matches it (`perflens baseline show`). */
export interface BaselineEntry {
  label: string;
  file: string;
  qualifiedName: string;
  scope: BaselineRecord['scope'];
  /** Content hash of the baseline's version. */
  hash: string;
  commit?: string;
  setAt: string;
  current: 'same' | 'changed' | 'file missing' | 'function missing';
  /** The latest stored run of the baseline's version (the editor's or the CLI's), when it has one. */
  latest?: { run: RunView; at: string };
}

/** What `perflens check` judges: every function with baseline `label` under `paths`. */
export interface CheckOptions {
  /** Absolute files or folders. */
  paths: string[];
  label: string;
  budgetMs?: number;
  note?: string;
  typeCheck?: boolean;
  /** Fit and compare growth orders: always, never, or `'auto'` (default) when an input is a collection or a string. */
  growth?: boolean | 'auto';
  llm?: LlmOptions;
  signal?: AbortSignal;
  /** Called before each comparison starts (for a progress line). */
  onCompare?: (file: string, qualifiedName: string) => void;
}

/** One function's outcome in a check. */
export type CheckRow =
  | { status: 'compared'; file: string; function: string; comparison: Comparison }
  | { status: 'unchanged'; file: string; function: string }
  | { status: 'missing'; file: string; function: string; message: string }
  | { status: 'error'; file: string; function: string; message: string };

/** Two versions of one function from two files (`perflens compare`). */
export interface CompareSourcesRequest {
  oldFile: string;
  oldText: string;
  newFile: string;
  newText: string;
  qualifiedName: string;
  typeCheck?: boolean;
  budgetMs?: number;
  note?: string;
  /** Fit and compare growth orders: always, never, or `'auto'` (default) when an input is a collection or a string. */
  growth?: boolean | 'auto';
  llm?: LlmOptions;
  signal?: AbortSignal;
}

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
  llm?: LlmOptions;
  /** Fit and compare growth orders: always, never, or `'auto'` when an input is a collection or a string. */
  growth?: boolean | 'auto';
  typeCheck?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; fraction?: number }) => void;
  /** The sandbox settings (`perflens.sandbox.*`). */
  sandbox?: Pick<BenchSettings, 'sandboxEnv' | 'requireIsolation'>;
}

