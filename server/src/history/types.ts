// The history's record types: what is stored and what reads give back. Owned here, re-exported by the
// protocol and the engine where they need them.
import type { GitInfo } from './git';

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
export interface StoredRun extends Omit<RunRecord, 'samplesNs' | 'createdAt'> {
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
