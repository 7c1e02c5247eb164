// Types of the per-line cost of a benchmarked function: what the sandbox child measures (RawProfile,
// in the bundle's terms) and what the engine reports after mapping it to the user's lines (LineProfile).

/** Settings of the profile pass, part of the child's job. */
export interface ProfileJob {
  /** CPU sampling interval asked of V8 (µs). */
  intervalUs: number;
  /** Keep profiling until this many ticks fell in the function (or `maxMs` is spent). */
  minTicks: number;
  /** Upper bound of CPU profiling time per variant (ms). */
  maxMs: number;
  /** Untimed, unprofiled calls first, so the profiled code is optimised (ms). */
  warmMs: number;
  /** Mean bytes between two allocation samples. */
  heapIntervalBytes: number;
  /** Allocation sampling time per variant (ms). */
  heapMs: number;
}

/**
 * One JavaScript function seen by the profiler while the benchmarked function ran: a bundle frame
 * (user code, mapped later through the source map) or a callee outside the bundle (Node, packages).
 * Positions are the bundle's, 0-based, as V8 reports them.
 */
export interface RawFrame {
  url: string;
  name: string;
  /** Where the function starts. */
  line: number;
  column: number;
  /** Ticks with this function on top of the stack. */
  selfTicks: number;
  /** Self ticks per 1-based line of the script: [line, ticks]. */
  lineTicks: Array<[number, number]>;
  /** Sampled bytes allocated by this function during the allocation pass. */
  allocBytes: number;
}

/** The profile of one variant as the child reports it. */
export interface RawProfile {
  /** Sampling interval used (µs). */
  intervalUs: number;
  /** Ticks attributed to the function: its frames, everything they called, and garbage collection. */
  totalTicks: number;
  /** Ticks in the garbage collector while the function ran. */
  gcTicks: number;
  /** Calls made during the allocation pass (allocBytes / allocCalls = bytes per call). */
  allocCalls: number;
  frames: RawFrame[];
}

/** The cost of one source line of the user's code, per call of the benchmarked function. */
export interface LineCost {
  /** Absolute path of the user's file. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** Share of the function's time spent on this line itself (0–100). */
  selfPct: number;
  /** That share of the timed median, in ns per call. */
  selfNsPerCall: number;
  /**
   * Bytes allocated per call, estimated: V8 samples allocation sites per function, not per line,
   * so each function's sampled bytes are shared among its lines by their self time.
   */
  allocBytesPerCall: number;
  /** The line's source text, trimmed (for tables and per-line differences). */
  text: string;
  /** The function the line belongs to (its qualified-ish name as V8 reports it). */
  function: string;
}

/** Time spent outside the function's own lines: workspace functions it calls, packages, Node, GC. */
export interface CalleeCost {
  /** Function name (workspace code) or package name (`node`, `lodash`, `(garbage collector)`). */
  name: string;
  /** Workspace callees: the file the function is in. */
  file?: string;
  /** Callees in node_modules or Node's own code: the package (`node` for Node and V8 built-ins). */
  package?: string;
  /** Share of the function's time (0–100). */
  selfPct: number;
}

/** Per-line costs of one run, as the engine reports them (`bench --json`: `lines`, `callees`). */
export interface LineProfile {
  /** Hottest first. */
  lines: LineCost[];
  /** Largest first; the benchmarked function itself is not a callee. */
  callees: CalleeCost[];
  /** Ticks the percentages rest on. */
  ticks: number;
}

/** How one line's cost changed between a baseline and the current version. */
export interface LineDelta {
  file: string;
  /** Line in the current version (the baseline's line for a removed line). */
  line: number;
  text: string;
  baselineNsPerCall: number;
  currentNsPerCall: number;
  deltaNsPerCall: number;
  /** `new`: the line is not in the baseline's source; `removed`: not in the current one. */
  status: 'new' | 'removed' | 'changed';
}
