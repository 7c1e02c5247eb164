// The history's record types: what is stored and what reads give back. Owned here, re-exported by the
// protocol and the engine where they need them.
import type { BenchResult, SandboxErrorKind } from '../profile';
import type { Verdict } from '../verdict/types';
import type { GitInfo } from './git';

/**
 * What a benchmark result carries besides the figures below (inputs, mocks, warnings, and any block a
 * later result gains): kept as the result has it, never restated.
 */
export type RunDetail = Omit<BenchResult, 'function' | 'status' | 'error' | 'timing' | 'memory' | 'growth' | 'samplesNs'>;

/**
 * One view of a run, computed once when it is recorded and shown unchanged by the lens, the hover, the
 * panel, the CLI and reports.
 */
export interface RunView {
  /** `bench` for a run of its own, `interleaved` for one side of a comparison with the baseline. */
  kind: 'bench' | 'interleaved';
  ok: boolean;
  /** Why the run failed (timeout, oom, throws, ...), when it did. */
  failure?: { kind: SandboxErrorKind; message: string };
  medianNs?: number;
  ci95Ns?: [number, number];
  /**
   * Median absolute deviation over the median: how much samples spread, robust to the odd GC pause
   * (the coefficient of variation is not: one 100× sample can push it past 200 %).
   */
  spread?: number;
  samples?: number;
  allocatedBytesPerCall?: number;
  /** Fitted growth order; absent when not measured or when no input scales with n. */
  growthOrder?: string;
  detail?: RunDetail;
}

/** The change against the baseline a verdict rests on. */
export interface ChangeView {
  ratio: number;
  ci95: [number, number];
  pValue: number;
  significant: boolean;
  classification: 'regression' | 'improvement' | 'unchanged';
  baselineLabel: string;
}

/** A verdict as every surface shows it. */
export type VerdictView = Pick<Verdict, 'recommendation' | 'score' | 'source' | 'reasoning' | 'confidence'>;

/** The latest run of one version of a function, with the verdict on that version. */
export interface FunctionStatus {
  qualifiedName: string;
  /** Content hash of the version the run measured. */
  hash: string;
  /** ISO date of the run. */
  createdAt: string;
  run: RunView;
  change?: ChangeView;
  verdict?: VerdictView;
}

/** A tracked function. */
export interface StoredFunction {
  id: string;
  file: string;
  qualifiedName: string;
  bodyHash: string;
  /** Set when this call found the function under a new name or file. */
  renamedFrom?: { file: string; qualifiedName: string };
}

/** A stored version of a function. */
export interface StoredVersion {
  id: string;
  functionId: string;
  hash: string;
  bodyHash: string;
  source: string;
  git?: GitInfo;
  firstSeen: string;
}

/** Where a run happened: enough to tell a noisy machine from a slow change. */
export interface RunEnvironment {
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  /** 1, 5 and 15 minute load averages. */
  loadAverage: number[];
  /** What held the benchmarked code: namespaces plus the permission model, or the permission model alone. */
  isolation?: 'namespaces' | 'permission-model';
}

/** One benchmark run of a version, as stored. */
export interface RunRecord {
  /** Raw per-sample times in ns, in run order. */
  samplesNs: ArrayLike<number>;
  medianNs?: number;
  ci95Ns?: [number, number];
  cv?: number;
  allocatedBytesPerCall?: number;
  growthOrder?: string;
  /** Default `bench`. */
  kind?: RunView['kind'];
  /** The run's view, computed once by the engine. */
  view?: RunView;
  /** Further descriptive statistics (JSON). */
  stats?: unknown;
  memory?: unknown;
  growth?: unknown;
  inputs?: unknown;
  environment?: RunEnvironment;
  /** ISO date; now by default. */
  createdAt?: string;
}

/** A stored run, samples decoded. */
export interface StoredRun extends Omit<RunRecord, 'samplesNs' | 'createdAt' | 'kind'> {
  kind: RunView['kind'];
  id: number;
  versionId: string;
  samplesNs: Float64Array;
  createdAt: string;
}

/** Static-analysis figures of a version. */
export interface AnalysisRecord {
  cyclomatic?: number;
  cognitive?: number;
  /** Everything else the analyser reported (JSON). */
  data?: unknown;
}

/** Which set of functions a baseline label was set for. */
export type BaselineScope = 'function' | 'file' | 'workspace';

/** A label pointing one function at one of its versions. */
export interface BaselineRecord {
  label: string;
  scope: BaselineScope;
  createdAt: string;
  function: StoredFunction;
  version: StoredVersion;
}

/** A verdict to store. */
export interface VerdictRecord {
  functionId: string;
  versionId: string;
  baselineVersionId?: string;
  recommendation: 'ACCEPT' | 'REVIEW' | 'REJECT';
  score: number;
  source: 'llm' | 'rules';
  reasoning: string;
  confidence: number;
  /** The statistics it rests on (JSON). */
  change?: unknown;
}

/** A note explaining why a regression was accepted. */
export interface NoteRecord {
  id: number;
  functionId: string;
  versionId?: string;
  text: string;
  createdAt: string;
}

/** How the store decides that a function with the same body elsewhere has moved, not been copied. */
export interface TrackOptions {
  /** Qualified names located in the function's file right now; an old name absent from it is gone. */
  presentNames?: string[];
  /**
   * Whether `(file, qualifiedName)` still exists, for candidates in other files. Default: the old file
   * no longer exists on disk (a conservative rule: a copy into a new file starts a new history).
   */
  stillExists?: (file: string, qualifiedName: string) => boolean;
}
