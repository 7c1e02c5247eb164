// Every custom LSP request and notification between client, server and the history webview.
// Imported by both sides; each message says which way it travels. Plain data only: no vscode imports.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { RunView, VerdictView } from './history/types';
import type { CalleeCost, LineCost, LineDelta } from './profile/lines/types';

export type { ChangeView, FunctionStatus, RunView, VerdictView } from './history/types';

/**
 * One stored version of a function, as the history panel shows it. Times in nanoseconds. The figures are
 * those of the run that stands for the version (its latest run of its own), exactly as the lens and the
 * hover show them.
 */
export interface HistoryVersion extends Pick<RunView, 'medianNs' | 'ci95Ns' | 'spread' | 'samples' | 'allocatedBytesPerCall' | 'growthOrder' | 'failure'> {
  /** Stable id of the stored version. */
  id: string;
  /** Content hash of the version (whitespace and comments ignored). */
  hash: string;
  /** How the version is named: its short commit, or `working tree · <short content hash>` for uncommitted code. */
  label: string;
  /** Short git commit hash the version was seen at (for uncommitted code: the commit it sits on). */
  commit?: string;
  /** The version is uncommitted work on top of `commit`. */
  workingTree?: boolean;
  /** ISO date the version was first seen. */
  firstSeen: string;
  /** ISO date of the latest run of this version, when it has one. */
  lastRun?: string;
  cyclomatic?: number;
  cognitive?: number;
  /** Labels of the baselines that point at this version (`main`, `release-1.2`, ...). */
  baselines: string[];
  verdict?: VerdictView;
}

/** A function's whole history, oldest version first. */
export interface HistoryView {
  functionId: string;
  file: string;
  qualifiedName: string;
  versions: HistoryVersion[];
  /** The SQLite engine the history is read with: better-sqlite3, or Node's built-in node:sqlite on a Node its binary does not fit. */
  engine?: 'better-sqlite3' | 'node:sqlite';
}

// ---------------------------------------------------------------------------------------------
// Language server <-> client. Both sides (and any other LSP client, through `workspace/executeCommand`)
// share these definitions.

/**
 * Commands the server executes (`workspace/executeCommand`). Lenses and hover links point at these,
 * so clicking them works from any editor; the VS Code client wraps them in its own palette commands.
 */
export const ServerCommand = {
  benchmark: 'perflens.server.benchmark',
  benchmarkFile: 'perflens.server.benchmarkFile',
  setBaseline: 'perflens.server.setBaseline',
  clearBaseline: 'perflens.server.clearBaseline',
  compare: 'perflens.server.compare',
  acceptRegression: 'perflens.server.acceptRegression',
  showHistory: 'perflens.server.showHistory',
  clearLlmCache: 'perflens.server.clearLlmCache',
  toggleUnreachedLines: 'perflens.server.toggleUnreachedLines',
  /** Shows or hides the per-line cost inlay hints and line hovers. */
  toggleLineCosts: 'perflens.server.toggleLineCosts',
} as const;
export type ServerCommandId = (typeof ServerCommand)[keyof typeof ServerCommand];

/**
 * The VS Code client's own commands for the same actions (palette, context menu). They add prompts,
 * a cancellable progress notification and the status bar, then call the server command. The server puts
 * these ids into lenses, hover links and quick fixes when the client asks for them (`clientCommands`).
 */
export const ClientCommand: { readonly [K in keyof typeof ServerCommand]: string } = {
  benchmark: 'perflens.benchmarkFunction',
  benchmarkFile: 'perflens.benchmarkFile',
  setBaseline: 'perflens.setBaseline',
  clearBaseline: 'perflens.clearBaseline',
  compare: 'perflens.compareWithBaseline',
  acceptRegression: 'perflens.acceptRegression',
  showHistory: 'perflens.showHistory',
  clearLlmCache: 'perflens.clearLlmCache',
  toggleUnreachedLines: 'perflens.toggleUnreachedLines',
  toggleLineCosts: 'perflens.toggleLineCosts',
};

/**
 * The one argument every server command takes. The function is named by `qualifiedName`, or found
 * at `position` (the cursor) when the name is missing.
 */
export interface CommandTarget {
  uri: string;
  qualifiedName?: string;
  position?: { line: number; character: number };
  /** Baseline commands: which functions. Default `function`. */
  scope?: 'function' | 'file' | 'workspace';
  /** Baseline label; default the `perflens.baseline.label` setting. */
  label?: string;
  /** Accept Regression: why the slowdown is fine. */
  note?: string;
}

/** Outcome of one benchmark as the server reports it to the client (also the executeCommand result). */
export interface BenchmarkSummary {
  uri: string;
  qualifiedName: string;
  /** The lens title the function now shows. */
  title: string;
  ok: boolean;
  /** What failed, for the user, when `ok` is false. */
  error?: string;
  medianNs?: number;
  /** Relative change against the baseline (0.23 = 23 % slower), when there is one. */
  change?: number;
  baselineLabel?: string;
  verdict?: VerdictView;
  /** Something the user should know that did not stop the run (no history database, a failed comparison). */
  notice?: string;
  /** The user cancelled the run: not a failure, nothing to warn about. */
  cancelled?: boolean;
}

/** Result of every server command: a message for the user plus per-function outcomes where relevant. */
export interface CommandResult {
  ok: boolean;
  message: string;
  results?: BenchmarkSummary[];
}

/** server -> client: what runs now, and the last verdict (drives the status bar). */
export namespace RunStateNotification {
  export const method = 'perflens/runState' as const;
  export interface Params {
    running?: { uri: string; qualifiedName: string; phase: string; fraction?: number };
    last?: BenchmarkSummary;
  }
  export const type = new NotificationType<Params>(method);
}

/** client -> server: whether the workspace is trusted (no user code runs while it is not). */
export namespace TrustNotification {
  export const method = 'perflens/trust' as const;
  export interface Params {
    trusted: boolean;
  }
  export const type = new NotificationType<Params>(method);
}

/** client -> server: a function's stored history, for the history panel; null when none is stored. */
export namespace HistoryRequest {
  export const method = 'perflens/history' as const;
  export interface Params {
    uri: string;
    qualifiedName: string;
  }
  export const type = new RequestType<Params, HistoryView | null, void>(method);
}

/** server -> client: ask the client to show a function's history panel (Show History from a lens or hover). */
export namespace ShowHistoryNotification {
  export const method = 'perflens/showHistory' as const;
  export type Params = HistoryRequest.Params;
  export const type = new NotificationType<Params>(method);
}

/**
 * server -> client: run one of the client's own commands (a `ClientCommand` id), e.g. "Accept with a note…"
 * picked on a REJECT message, which needs the client's input box. Sent only to clients with `clientCommands`.
 */
export namespace RunClientCommandNotification {
  export const method = 'perflens/runClientCommand' as const;
  export interface Params {
    command: string;
    arguments: CommandTarget[];
  }
  export const type = new NotificationType<Params>(method);
}

/** A function with stored history, as the history panel's picker lists it. */
export interface HistoryFunctionEntry {
  uri: string;
  /** Workspace-relative path, for display. */
  file: string;
  qualifiedName: string;
  versionCount: number;
  /** ISO date of the latest run of any version, when there is one. */
  lastRun?: string;
}

/** client -> server: functions with stored history (all of them, or those of one document when `uri` is set). */
export namespace HistoryFunctionsRequest {
  export const method = 'perflens/historyFunctions' as const;
  export interface Params {
    uri?: string;
  }
  export const type = new RequestType<Params, HistoryFunctionEntry[], void>(method);
}

/** client -> server: the source text of one stored version (for the diff against the baseline); null when none was kept. */
export namespace VersionSourceRequest {
  export const method = 'perflens/versionSource' as const;
  export interface Params {
    functionId: string;
    versionId: string;
  }
  export interface Result {
    source: string;
  }
  export const type = new RequestType<Params, Result | null, void>(method);
}

/** server -> client: a benchmark run was stored; an open history panel showing that function refreshes. */
export namespace RunRecordedNotification {
  export const method = 'perflens/runRecorded' as const;
  export type Params = HistoryRequest.Params;
  export const type = new NotificationType<Params>(method);
}

// ---------------------------------------------------------------------------------------------
// History panel host <-> webview (postMessage). Both sides validate before acting: client/src/panel/messages.ts.

/** Which chart the panel shows. */
export type HistoryMetric = 'time' | 'alloc' | 'complexity';

/** host -> webview. */
export type HostToPanelMessage =
  /** The function shown (null: none chosen yet; view null: it has no stored history yet) and the picker's list. */
  | { type: 'history'; target: HistoryRequest.Params | null; view: HistoryView | null; functions: HistoryFunctionEntry[]; lines?: LineCostsView | null }
  /** Something failed; shown in the panel's status line. */
  | { type: 'error'; message: string };

/** webview -> host. */
export type PanelToHostMessage =
  /** The page loaded (or reloaded) and wants data; `target` is the function it showed before, if any. */
  | { type: 'ready'; target?: HistoryRequest.Params }
  | { type: 'selectFunction'; target: HistoryRequest.Params }
  /** Open VS Code's diff editor: the baseline's source against this version's. */
  | { type: 'openDiff'; versionId: string }
  | { type: 'export'; format: 'csv' | 'json' };

/** Options the client sends in `initialize` (any LSP client may send them; all optional). */
export interface InitializationOptions {
  /** False in an untrusted workspace: analysis only, no benchmarks. Default true. */
  trusted?: boolean;
  /** Where the history database lives; default `<workspace>/.perflens/history.db`. */
  dbPath?: string;
  /** True when the client registers `ClientCommand`s: lenses and links then use those ids. */
  clientCommands?: boolean;
  /**
   * True when the client shows a run's progress itself from `perflens/runState` (the VS Code status bar item):
   * the server then creates no `window/workDoneProgress` of its own, which would be a second indicator.
   */
  runStateProgress?: boolean;
}

/** The per-line costs of a function's latest run in this session (the panel's icicle and line tables). */
export interface LineCostsView {
  qualifiedName: string;
  /** Median time per call of that run. */
  medianNs: number;
  /** Hottest first. */
  lines: LineCost[];
  callees: CalleeCost[];
  /** When the run was compared with the baseline: the per-line difference, largest growth first. */
  changes?: LineDelta[];
}

/** client -> server: the line costs of a function's latest run in this session, or null when it has none. */
export namespace LineCostsRequest {
  export const method = 'perflens/lineCosts' as const;
  export type Params = HistoryRequest.Params;
  export const type = new RequestType<Params, LineCostsView | null, void>(method);
}

/** Diagnostic codes the server publishes (source `perflens`); quick fixes key off them. */
export const DiagnosticCode = {
  reject: 'perflens.reject',
  security: 'perflens.security',
  complexity: 'perflens.complexity',
  /** A line of a benchmarked function that none of its timed inputs ran (shown on request, faded). */
  unreached: 'perflens.unreached',
} as const;
