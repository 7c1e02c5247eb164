// Runtime checks for every message between the history panel's host and its webview, used on both sides.
// Hand-written guards rather than a schema library: the webview bundle stays small and has no dependencies but uPlot.
import type {
  HistoryFunctionEntry,
  HistoryRequest,
  HistoryVersion,
  HistoryView,
  HostToPanelMessage,
  LineCostsView,
  PanelToHostMessage,
} from '../../../server/src/protocol';

type Target = HistoryRequest.Params;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optional = <T>(v: unknown, check: (x: unknown) => x is T): boolean => v === undefined || check(v);

/** True when `v` names a function: a document URI and a qualified name, both non-empty strings. */
export function isHistoryTarget(v: unknown): v is Target {
  return isObject(v) && isString(v.uri) && v.uri.length > 0 && isString(v.qualifiedName) && v.qualifiedName.length > 0;
}

function isVerdict(v: unknown): boolean {
  return (
    isObject(v) &&
    (v.recommendation === 'ACCEPT' || v.recommendation === 'REVIEW' || v.recommendation === 'REJECT') &&
    isFiniteNumber(v.score) &&
    (v.source === 'llm' || v.source === 'rules') &&
    isString(v.reasoning) &&
    isFiniteNumber(v.confidence)
  );
}

const isCi = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && isFiniteNumber(v[0]) && isFiniteNumber(v[1]);

/** True when `v` is a well-formed stored version (numbers finite, strings where strings belong). */
export function isHistoryVersion(v: unknown): v is HistoryVersion {
  return (
    isObject(v) &&
    isString(v.id) &&
    isString(v.hash) &&
    isString(v.label) &&
    optional(v.commit, isString) &&
    optional(v.workingTree, (x): x is boolean => typeof x === 'boolean') &&
    isString(v.firstSeen) &&
    optional(v.lastRun, isString) &&
    optional(v.medianNs, isFiniteNumber) &&
    optional(v.ci95Ns, isCi) &&
    optional(v.spread, isFiniteNumber) &&
    optional(v.samples, isFiniteNumber) &&
    optional(v.failure, (x): x is object => isObject(x) && isString(x.kind) && isString(x.message)) &&
    optional(v.allocatedBytesPerCall, isFiniteNumber) &&
    optional(v.growthOrder, isString) &&
    optional(v.cyclomatic, isFiniteNumber) &&
    optional(v.cognitive, isFiniteNumber) &&
    Array.isArray(v.baselines) &&
    v.baselines.every(isString) &&
    (v.verdict === undefined || isVerdict(v.verdict))
  );
}

/** True when `v` is a whole function history whose every version is well-formed. */
export function isHistoryView(v: unknown): v is HistoryView {
  return (
    isObject(v) &&
    isString(v.functionId) &&
    isString(v.file) &&
    isString(v.qualifiedName) &&
    Array.isArray(v.versions) &&
    v.versions.every(isHistoryVersion)
  );
}

/** True when `v` is one entry of the function picker. */
export function isHistoryFunctionEntry(v: unknown): v is HistoryFunctionEntry {
  return (
    isObject(v) &&
    isString(v.uri) &&
    isString(v.file) &&
    isString(v.qualifiedName) &&
    isFiniteNumber(v.versionCount) &&
    optional(v.lastRun, isString)
  );
}

function isLineCost(v: unknown): boolean {
  return isObject(v) && isString(v.file) && isFiniteNumber(v.line) && isFiniteNumber(v.selfPct) && isFiniteNumber(v.selfNsPerCall) && isFiniteNumber(v.allocBytesPerCall) && isString(v.text) && isString(v.function);
}

function isCalleeCost(v: unknown): boolean {
  return isObject(v) && isString(v.name) && isFiniteNumber(v.selfPct) && optional(v.file, isString) && optional(v.package, isString);
}

function isLineDelta(v: unknown): boolean {
  return (
    isObject(v) &&
    isString(v.file) &&
    isFiniteNumber(v.line) &&
    isString(v.text) &&
    isFiniteNumber(v.baselineNsPerCall) &&
    isFiniteNumber(v.currentNsPerCall) &&
    isFiniteNumber(v.deltaNsPerCall) &&
    (v.status === 'new' || v.status === 'removed' || v.status === 'changed')
  );
}

/** True when `v` is a well-formed line-cost view (every line, callee and change checked). */
export function isLineCostsView(v: unknown): v is LineCostsView {
  return (
    isObject(v) &&
    isString(v.qualifiedName) &&
    isFiniteNumber(v.medianNs) &&
    Array.isArray(v.lines) &&
    v.lines.every(isLineCost) &&
    Array.isArray(v.callees) &&
    v.callees.every(isCalleeCost) &&
    (v.changes === undefined || (Array.isArray(v.changes) && v.changes.every(isLineDelta)))
  );
}

/** Validates a message the webview received from the host. */
export function isHostToPanelMessage(v: unknown): v is HostToPanelMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'history':
      return (
        (v.target === null || isHistoryTarget(v.target)) &&
        (v.view === null || isHistoryView(v.view)) &&
        Array.isArray(v.functions) &&
        v.functions.every(isHistoryFunctionEntry) &&
        (v.lines === undefined || v.lines === null || isLineCostsView(v.lines))
      );
    case 'error':
      return isString(v.message);
    default:
      return false;
  }
}

/** Validates a message the host received from the webview. */
export function isPanelToHostMessage(v: unknown): v is PanelToHostMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'ready':
      return v.target === undefined || isHistoryTarget(v.target);
    case 'selectFunction':
      return isHistoryTarget(v.target);
    case 'openDiff':
      return isString(v.versionId) && v.versionId.length > 0;
    case 'export':
      return v.format === 'csv' || v.format === 'json';
    default:
      return false;
  }
}
