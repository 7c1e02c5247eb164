// One comparison, end to end (the engine's orchestration; verdict/ only decides from facts): the
// baseline's source is spliced into today's module and run interleaved with the current version in one
// child (benchVariants), then classified and judged. A verdict never rests on numbers from another day.
import { readFile } from 'node:fs/promises';
import { benchFunction, benchVariants, type IsolationLayer, type LineDelta, type RunOptions, type VariantResult } from '../profile/index';
import { diffLines } from '../profile/lines/diff';
import { classifyAllocation, classifyGrowth, classifyTiming, type GrowthChange, type ScalarChange, type TimeChange } from '../verdict/classify';
import { decideVerdict } from '../verdict/decide';
import type { LlmClient } from '../verdict/llm';
import type { ChangeIntent, SideFigures, StaticSummary, Verdict, VerdictInput } from '../verdict/types';
import type { FunctionAnalysis } from './types';

/** What to compare. */
export interface CompareRequest {
  /** The sandbox settings (`perflens.sandbox.*`). */
  sandbox?: Pick<RunOptions, 'sandboxEnv' | 'requireIsolation'>;
  /** Today's module: the comparison runs in it. */
  file: string;
  /** Its text when unsaved; read from disk otherwise. */
  text?: string;
  qualifiedName: string;
  /** The baseline's declaration source, spliced over the function's declaration for the baseline variant. */
  baselineSource: string;
  /** The current declaration source (for the diff shown to the LLM). */
  currentSource: string;
  /** Same content hash on both sides. */
  codeUnchanged?: boolean;
  before?: StaticSummary;
  after?: StaticSummary;
  intent?: ChangeIntent;
  /** Growth orders fitted for each side, when the caller has them (benchVariants does not sweep sizes). */
  growth?: { baseline: string; current: string };
  /**
   * Fit both growth orders now (two more sandbox runs, each sweeping sizes from n = 1 up within a capped
   * budget), unless `growth` is given. `'auto'`: only when an input is a collection or a string.
   */
  measureGrowth?: boolean | 'auto';
  /** Module-level declarations either version uses, for the LLM reviewer. */
  moduleDeclarations?: string[];
  budgetMs?: number;
  noiseThreshold?: number;
  workspaceRoot?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  onProgress?: (p: { phase: string; fraction?: number }) => void;
  llm?: LlmClient;
}

/** A finished comparison. */
export interface Comparison {
  status: 'ok';
  function: string;
  change: TimeChange;
  memory: ScalarChange | null;
  growth: GrowthChange | null;
  verdict: Verdict;
  /** Everything the verdict was decided from: another reviewer (a scripted LLM, the bench) can decide again. */
  verdictInput: VerdictInput;
  baseline: VariantResult;
  current: VariantResult;
  /** Per-line difference, largest growth first ([] when either version was not profiled). */
  lines: LineDelta[];
  warnings: string[];
  /** What held both versions while they ran (docs/security.md). */
  isolation: IsolationLayer;
}

/** A comparison that could not run, with a message the user can act on. */
export interface ComparisonError {
  status: 'error';
  function: string;
  error: string;
}

/**
 * Benchmarks the baseline and current versions interleaved, classifies the change and decides a verdict.
 * Never throws for bad user code or a failing LLM; rejects only when `signal` aborts.
 */
export async function compareVersions(req: CompareRequest): Promise<Comparison | ComparisonError> {
  const result = await benchVariants({
    file: req.file,
    ...(req.text !== undefined ? { text: req.text } : {}),
    qualifiedName: req.qualifiedName,
    variants: [{ id: 'baseline', replacementText: req.baselineSource }, { id: 'current' }],
    ...(req.budgetMs !== undefined ? { budgetMs: req.budgetMs } : {}),
    ...(req.workspaceRoot !== undefined ? { workspaceRoot: req.workspaceRoot } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
    ...(req.log ? { log: req.log } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    ...req.sandbox,
  });
  const baseline = result.variants.find((v) => v.id === 'baseline');
  const current = result.variants.find((v) => v.id === 'current');
  if (result.status !== 'ok' || !baseline || !current) {
    const e = result.error;
    return {
      status: 'error',
      function: req.qualifiedName,
      error: `comparing ${req.qualifiedName} with its baseline failed (${e?.kind ?? 'no samples'}): ${e?.message ?? 'the sandbox returned no result'}`,
    };
  }
  const change = classifyTiming(baseline.samplesNs, current.samplesNs, req.noiseThreshold !== undefined ? { noiseThreshold: req.noiseThreshold } : {});
  const memory = baseline.memory && current.memory ? classifyAllocation(baseline.memory.allocatedBytesPerCall, current.memory.allocatedBytesPerCall) : null;
  const wantGrowth = req.measureGrowth === 'auto' ? takesCollectionOrString(result.inputs.params) : req.measureGrowth === true;
  const fit = req.growth ? { orders: req.growth } : wantGrowth ? await measureGrowthOrders(req) : {};
  const orders = fit.orders;
  const warnings = fit.warning ? [...result.warnings, fit.warning] : result.warnings;
  const growth = orders ? classifyGrowth(orders.baseline, orders.current) : null;
  const figures = (v: VariantResult): SideFigures => ({
    medianNs: v.timing.medianNs,
    ci95Ns: v.timing.ci95Ns,
    samples: v.samplesNs.length,
    ...(v.memory ? { allocatedBytesPerCall: v.memory.allocatedBytesPerCall } : {}),
  });
  const lines = baseline.profile && current.profile ? diffLines(baseline.profile.lines, current.profile.lines, { baselineSource: req.baselineSource, currentSource: req.currentSource }) : [];
  const verdictInput: VerdictInput = {
    functionName: req.qualifiedName,
    time: change,
    ...(memory ? { memory } : {}),
    ...(growth ? { growth } : {}),
    before: req.before ?? {},
    after: req.after ?? {},
    oldSource: req.baselineSource,
    newSource: req.currentSource,
    ...(req.codeUnchanged !== undefined ? { codeUnchanged: req.codeUnchanged } : {}),
    intent: req.intent ?? {},
    measurements: { baseline: figures(baseline), current: figures(current) },
    ...(req.moduleDeclarations?.length ? { moduleDeclarations: req.moduleDeclarations } : {}),
    inputs: result.inputs,
    lines,
  };
  const verdict = await decideVerdict(verdictInput, req.llm ? { llm: req.llm } : {});
  return { status: 'ok', function: req.qualifiedName, change, memory, growth, verdict, verdictInput, baseline, current, lines, warnings, isolation: result.isolation };
}

/** Input types whose size the growth sweep varies: strings and collections (the planner's type words or TS types). */
const SIZED_TYPE = /\bstring\b|\[\]|\barray\b|Array<|Map<|Set<|Iterable<|Record<|\bobject\b/i;

/** Whether any input is a collection or a string, so a growth order can be fitted at all. */
export function takesCollectionOrString(params: ReadonlyArray<{ type: string }>): boolean {
  return params.some((p) => SIZED_TYPE.test(p.type));
}

/**
 * Measuring time of each growth run, whatever --budget says. The sweep starts at n = 1 and doubles until the
 * budget is spent, so it fits the small sizes that separate O(n) from O(n²) first; it bounds what `check`
 * adds per changed function to two of these.
 */
const GROWTH_BUDGET_MS = 800;

/**
 * Fits the growth order of both versions (baseline spliced into today's module). No orders when either fit
 * fails; then `warning` says why, so a skipped growth check is never silent.
 */
async function measureGrowthOrders(req: CompareRequest): Promise<{ orders?: { baseline: string; current: string }; warning?: string }> {
  let text = req.text;
  try {
    text ??= await readFile(req.file, 'utf8');
  } catch {
    return { warning: `growth not compared: cannot read ${req.file}` };
  }
  const start = text.indexOf(req.currentSource);
  if (start < 0) return { warning: 'growth not compared: the current source is not in the file' };
  const spliced = text.slice(0, start) + req.baselineSource + text.slice(start + req.currentSource.length);
  const run = (t: string) =>
    benchFunction({
      file: req.file,
      text: t,
      qualifiedName: req.qualifiedName,
      growth: true,
      budgetMs: GROWTH_BUDGET_MS,
      ...(req.workspaceRoot !== undefined ? { workspaceRoot: req.workspaceRoot } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
  const fitted = (r: Awaited<ReturnType<typeof run>>) => (r.growth && r.growth.order !== 'not size-dependent' ? r.growth.order : undefined);
  const why = (r: Awaited<ReturnType<typeof run>>) => r.warnings.find((w) => w.startsWith('growth')) ?? r.error?.message ?? 'no order fitted';
  const b = await run(spliced);
  const baseline = fitted(b);
  if (!baseline) return { warning: `growth not compared (baseline): ${why(b)}` };
  const c = await run(text);
  const current = fitted(c);
  if (!current) return { warning: `growth not compared (current): ${why(c)}` };
  return { orders: { baseline, current } };
}

/** The static-analysis figures a verdict uses, from the engine's analysis of one function. */
export function staticSummary(a: FunctionAnalysis): StaticSummary {
  return {
    cyclomatic: a.complexity.cyclomatic,
    cognitive: a.complexity.cognitive,
    securityFindings: a.security.map((f) => f.ruleId),
    findings: a.security.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.line - 1 - a.fn.range.start.line })),
    typeErrors: a.correctness.typeErrors.length,
    params: a.fn.params.length,
    nestedScans: a.complexity.nestedScans,
  };
}

/** What a verdict says, as the CLI's JSON prints it and the history stores it. */
export function verdictFacts(v: Verdict): Pick<Verdict, 'recommendation' | 'score' | 'source' | 'reasoning' | 'confidence'> {
  return { recommendation: v.recommendation, score: v.score, source: v.source, reasoning: v.reasoning, confidence: v.confidence };
}

/** The JSON shape of `perflens compare --json` (and each row of `check --json`). */
export function comparisonJson(c: Comparison) {
  const r = (x: number, d = 4) => Number(x.toFixed(d));
  return {
    function: c.function,
    change: {
      ratio: r(c.change.ratio),
      ci95: [r(c.change.ci95[0]), r(c.change.ci95[1])] as [number, number],
      pValue: Number(c.change.pValue.toPrecision(3)),
      significant: c.change.significant,
      classification: c.change.classification,
      conclusive: c.change.conclusive,
      baselineMedianNs: r(c.change.baselineMedianNs, 2),
      currentMedianNs: r(c.change.currentMedianNs, 2),
      samples: c.change.samples,
      droppedAsInterference: c.change.dropped,
    },
    memory: c.memory && {
      baselineBytesPerCall: Math.round(c.memory.baseline),
      currentBytesPerCall: Math.round(c.memory.current),
      ratio: Number.isFinite(c.memory.ratio) ? r(c.memory.ratio) : null,
      classification: c.memory.classification,
    },
    growth: c.growth,
    verdict: {
      ...verdictFacts(c.verdict),
      ...(c.verdict.scenario ? { scenario: c.verdict.scenario } : {}),
      ...(c.verdict.llmNote ? { llmNote: c.verdict.llmNote } : {}),
    },
    /** The ten lines whose cost changed most. */
    lines: c.lines.slice(0, 10),
    warnings: c.warnings,
  };
}
