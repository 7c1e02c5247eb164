// The profiler's front door: plan inputs, bundle the target, run the sandbox child, and turn its raw
// samples into the BenchResult the CLI prints and the editor shows. Also runs interleaved comparisons
// of several versions of one function (benchVariants) for the regression verdict.
// The steps live in inputs/, sandbox/, harness/, growth.ts and lines/ (the profile pass); the option
// and result types in types.ts.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { locateFunctions } from '../locate/locate';
import type { LocatedFunction } from '../locate/types';
import { bootstrapMedianCI } from '../stats/bootstrap';
import { describe } from '../stats/descriptive';
import { fitGrowth } from './growth';
import { profileLines, type BundleInfo } from './lines/run';
import type { LineProfile } from './lines/types';
import { planInputs, type InputPlan } from './inputs';
import type { ChildJob, ChildResult, CoverageReport, SandboxError, SandboxErrorKind, VariantJob, VariantRun } from './sandbox/contract';
import type { BenchOptions, BenchResult, GrowthSummary, InputsSummary, RunOptions, TimingSummary, VariantSpec, VariantsOptions, VariantsResult } from './types';
import { functionBlocks } from './coverage';
import { createSandboxDir, prepareBundle, removeSandboxDir } from './sandbox/prepare';
import { DEFAULT_HEAP_MB, DEFAULT_TIMEOUT_MS, isolationFor, runInSandbox } from './sandbox/spawn';
import { layerOf, type IsolationLayer } from './sandbox/isolation';

export type { SandboxError, SandboxErrorKind } from './sandbox/contract';
export type { GrowthOrder } from './growth';
export type { IsolationLayer } from './sandbox/isolation';
export type { CalleeCost, LineCost, LineDelta, LineProfile } from './lines/types';
export type { BenchOptions, BenchResult, CoverageSummary, GrowthSummary, InputsSummary, RunOptions, TimingSummary, VariantResult, VariantSpec, VariantsOptions, VariantsResult } from './types';

/** Size n of collections and strings for timing and memory (growth sweeps its own sizes). */
export const DEFAULT_SIZE = 100;
const DEFAULT_BUDGET_MS = 1000;
const POOL_SIZE = 16;
/** Candidate inputs the coverage pass tries; the timed pool keeps POOL_SIZE of them. */
const COVERAGE_CANDIDATES = 32;
/** The coverage pass runs each candidate once: far less than a timed run may take. */
const COVERAGE_TIMEOUT_MS = 10_000;
const SEED = 0x5eed;

/** Turns raw samples into the reported figures. */
export function summarize(run: VariantRun): TimingSummary {
  const d = describe(run.samplesNs);
  const [lo, hi] = bootstrapMedianCI(run.samplesNs, { seed: SEED });
  const r = (x: number): number => Math.round(x * 100) / 100;
  return {
    medianNs: r(d.median),
    meanNs: r(d.mean),
    ci95Ns: [r(lo), r(hi)],
    cv: Math.round(d.cv * 10000) / 10000,
    madNs: r(d.mad),
    samples: d.n,
    iterationsPerSample: run.iterationsPerSample,
    p75Ns: r(d.p75),
    p99Ns: r(d.p99),
    opsPerSec: d.median > 0 ? Math.round(1e9 / d.median) : 0,
    mode: run.mode,
    ...(run.itemsPerSec !== undefined ? { itemsPerSec: Math.round(run.itemsPerSec) } : {}),
  };
}

interface Planned {
  file: string;
  text: string;
  fn: LocatedFunction;
  plan: InputPlan;
}

async function plan(o: { file: string; text?: string; qualifiedName: string; workspaceRoot?: string }): Promise<Planned | SandboxError> {
  const file = resolve(o.file);
  let text = o.text;
  if (text === undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      return { kind: 'unsupported-input', message: `cannot read ${file}: ${(e as Error).message}` };
    }
  }
  const located = locateFunctions(file, text);
  const fn = located.functions.find((f) => f.qualifiedName === o.qualifiedName);
  if (!fn) {
    const broken = located.syntaxErrors.length ? ` (the file has a syntax error at line ${located.syntaxErrors[0].line + 1})` : '';
    return { kind: 'unsupported-input', message: `no function named ${o.qualifiedName} in ${file}${broken}` };
  }
  const p = planInputs(file, text, fn, o.workspaceRoot ? { workspaceRoot: o.workspaceRoot } : {});
  if (p.problems.length > 0) {
    const msg = p.problems.map((x) => `${x.param}: ${x.type}: ${x.message}`).join('; ');
    return { kind: 'unsupported-input', message: `cannot build inputs for ${o.qualifiedName}: ${msg}` };
  }
  return { file, text, fn, plan: p };
}

function splitBudget(budgetMs: number, growth: boolean, timeoutMs: number): { timing: number; growth: number } {
  // Keep well inside the hard limit: startup, warm-up and memory runs come on top of the budget.
  const b = Math.max(50, Math.min(budgetMs, (timeoutMs - 3000) / (growth ? 1.6 : 1.3)));
  return growth ? { timing: b * 0.5, growth: b * 0.5 } : { timing: b, growth: 0 };
}

function jobFor(sandboxDir: string, variants: VariantJob[], plan: InputPlan, timingMs: number, growthMs: number): ChildJob {
  return {
    protocol: 1,
    sandboxDir,
    variants,
    recipe: plan.recipe,
    size: DEFAULT_SIZE,
    seed: SEED,
    poolSize: POOL_SIZE,
    timing: { budgetMs: timingMs, minSamples: 10, maxSamples: 3000, targetSampleNs: 250_000 },
    memory: true,
    growth: growthMs > 0 ? { budgetMs: growthMs, maxSize: 2 ** 16 } : null,
    answers: plan.mocks,
  };
}

/**
 * Prepares bundles for `specs` and runs them in one child. Returns the child's raw result or an error.
 * Always removes the sandbox directory.
 */
async function runPlanned(p: Planned, specs: VariantSpec[], o: RunOptions, growthOn: boolean, withCoverage = false): Promise<({ result: ChildResult; coverage?: CoverageReport; profiles: Array<LineProfile | null> } | { error: SandboxError }) & { isolation: IsolationLayer }> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const budget = splitBudget(o.budgetMs ?? DEFAULT_BUDGET_MS, growthOn, timeoutMs);
  const sandboxDir = await createSandboxDir();
  try {
    o.onProgress?.({ phase: 'bundle' });
    const variants: VariantJob[] = [];
    const bundles: BundleInfo[] = [];
    for (const s of specs) {
      const prepared = await prepareBundle({
        file: p.file,
        text: p.text,
        qualifiedName: p.fn.qualifiedName,
        ...(s.replacementText !== undefined ? { replacementText: s.replacementText } : {}),
        bindings: p.plan.recipe.bindings,
        sandboxDir,
        variantId: s.id,
      });
      if (!prepared.ok) return { error: prepared.error, isolation: layerFor(o) };
      const b = prepared.bundle;
      bundles.push({ bundlePath: b.bundlePath, sourceFile: b.sourceFile, sourceText: b.text, target: { name: b.fn.qualifiedName, startLine: b.fn.range.start.line + 1, endLine: b.fn.range.end.line + 1 } });
      variants.push({ id: s.id, bundlePath: b.bundlePath, sourceFile: b.sourceFile, access: b.access, qualifiedName: p.fn.qualifiedName, ...(b.hoistedFrom ? { hoistedFrom: b.hoistedFrom } : {}) });
    }
    const job = jobFor(sandboxDir, variants, p.plan, budget.timing, growthOn ? budget.growth : 0);
    const spawnOpts = {
      ...(o.nodePath ? { nodePath: o.nodePath } : {}),
      timeoutMs,
      heapMb: o.heapMb ?? DEFAULT_HEAP_MB,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.log ? { log: o.log } : {}),
      ...(o.sandboxEnv ? { env: o.sandboxEnv } : {}),
      ...(o.requireIsolation !== undefined ? { requireIsolation: o.requireIsolation } : {}),
      ...(o.isolation ? { isolation: o.isolation } : {}),
      ...(o.workspaceRoot ? { workspaceRoot: o.workspaceRoot } : {}),
    };
    let coverage: CoverageReport | undefined;
    let coverageProblem: string | undefined;
    // The coverage and profile children run without Node's permission model (it refuses the inspector
    // session): only where the namespaces hold them instead (docs/security.md).
    const isolated = layerFor(o) === 'namespaces';
    const blocks = withCoverage && isolated ? functionBlocks(p.file, p.text, p.fn) : [];
    if (withCoverage && !isolated) coverageProblem = 'coverage: not measured without OS isolation (its pass needs an inspector session, which the permission model refuses); the inputs were not chosen by the blocks they reach';
    if (blocks.length > 0) {
      // First a child that runs candidate inputs under block coverage and picks the pool; then the timed child on that pool.
      const pass = await runInSandbox({ ...job, growth: null, memory: false, coverage: { blocks, candidates: COVERAGE_CANDIDATES } }, { ...spawnOpts, timeoutMs: Math.min(timeoutMs, COVERAGE_TIMEOUT_MS) });
      if (pass.ok && pass.result.coverage) coverage = pass.result.coverage;
      // A loop or a blown heap would do the same in the timed run: report it now instead of waiting twice.
      else if (!pass.ok && (pass.error.kind === 'timeout' || pass.error.kind === 'oom' || pass.error.message.includes('requireIsolation'))) return { error: pass.error, isolation: pass.isolation };
      else coverageProblem = `coverage: not measured (${pass.ok ? 'no report' : pass.error.message}); the inputs were not chosen by the blocks they reach`;
    }
    const timedJob = coverage ? { ...job, indices: coverage.indices } : job;
    const outcome = await runInSandbox(timedJob, spawnOpts);
    if (!outcome.ok) return { error: outcome.error, isolation: outcome.isolation };
    if (coverageProblem) outcome.result.warnings.push(coverageProblem);
    // Then, on the same pool, the profile child for the cost per line (lines/run.ts): same isolation rule as coverage.
    let profiles: Array<LineProfile | null> = bundles.map(() => null);
    if (o.lines !== false) {
      const medians = outcome.result.variants.map((v) => summarize(v).medianNs);
      const pass = await profileLines({ job: timedJob, bundles, medians, spawn: spawnOpts, isolated });
      profiles = pass.profiles;
      if (pass.warning) outcome.result.warnings.push(pass.warning);
    }
    return coverage ? { result: outcome.result, coverage, profiles, isolation: outcome.isolation } : { result: outcome.result, profiles, isolation: outcome.isolation };
  } finally {
    await removeSandboxDir(sandboxDir);
  }
}

/** The layer a run with these options gets (also for results that failed before any child started). */
const layerFor = (o: RunOptions): IsolationLayer => layerOf(isolationFor(o).cap);

/** The inputs as shown: examples from the child's timed pool when it ran, else from the plan. */
function inputsOf(p: Planned | null, timed?: ChildResult['inputs']): InputsSummary {
  const params = (p?.plan.params ?? []).map((spec, k) => {
    const seen = timed?.examples[k];
    // A default kept by passing undefined reads better as the default's source text.
    const example = seen === undefined ? spec.example : seen === 'undefined' && spec.default !== undefined ? `${spec.default} (default)` : seen;
    return { ...spec, example };
  });
  return { source: p?.plan.source ?? 'synthesized', n: timed?.n ?? DEFAULT_SIZE, inputsCloned: timed?.cloned ?? false, params };
}

/**
 * Benchmarks one function: timing, memory and (with `growth`) its growth order. Never throws for bad
 * user code or input; rejects only with an AbortError when `signal` aborts.
 */
export async function benchFunction(opts: BenchOptions): Promise<BenchResult> {
  const failed = (error: SandboxError, p: Planned | null, isolation = layerFor(opts)): BenchResult => ({
    function: opts.qualifiedName,
    status: 'error',
    error,
    inputs: inputsOf(p),
    timing: null,
    memory: null,
    growth: null,
    mocks: [],
    warnings: [],
    coverage: null,
    isolation,
    lines: [],
    callees: [],
  });
  const p = await plan(opts);
  if ('kind' in p) return failed(p, null);
  const growthOn = opts.growth === true && p.plan.sizeDependent;
  const out = await runPlanned(p, [{ id: 'target' }], opts, growthOn, opts.coverage !== false);
  if ('error' in out) return failed(out.error, p, out.isolation);
  const run = out.result.variants[0];
  let growth: GrowthSummary | null = null;
  if (opts.growth) {
    if (!p.plan.sizeDependent) growth = { order: 'not size-dependent', fit: null, points: [] };
    else {
      const points = out.result.growth ?? [];
      const fitted = fitGrowth(points);
      growth = fitted ? { order: fitted.order, fit: fitted.fit, points } : { order: 'not size-dependent', fit: null, points };
      if (!fitted) out.result.warnings.push(`growth: only ${points.length} sizes fitted in the budget; raise --budget to fit an order`);
    }
  }
  return {
    function: opts.qualifiedName,
    status: 'ok',
    error: null,
    inputs: inputsOf(p, out.result.inputs),
    timing: summarize(run),
    memory: run.memory ?? null,
    growth,
    mocks: out.result.mocks,
    warnings: out.result.warnings,
    coverage: out.coverage ? { covered: out.coverage.covered, total: out.coverage.total, unreachedLines: out.coverage.unreachedLines, firstLine: p.fn.range.start.line + 1 } : null,
    ...(opts.keepSamples ? { samplesNs: run.samplesNs } : {}),
    isolation: out.isolation,
    lines: out.profiles[0]?.lines ?? [],
    callees: out.profiles[0]?.callees ?? [],
  };
}

/**
 * Measures several versions of one function in alternating blocks in one child, on the same inputs,
 * and returns each version's figures with its raw samples. Never throws for bad user code; rejects
 * only with an AbortError when `signal` aborts.
 */
export async function benchVariants(opts: VariantsOptions): Promise<VariantsResult> {
  const failed = (error: SandboxError, p: Planned | null, isolation = layerFor(opts)): VariantsResult => ({
    function: opts.qualifiedName,
    status: 'error',
    error,
    inputs: inputsOf(p),
    variants: [],
    mocks: [],
    warnings: [],
    isolation,
  });
  if (opts.variants.length === 0) return failed({ kind: 'unsupported-input', message: 'benchVariants needs at least one variant' }, null);
  const p = await plan(opts);
  if ('kind' in p) return failed(p, null);
  const out = await runPlanned(p, opts.variants, opts, false);
  if ('error' in out) return failed(out.error, p, out.isolation);
  return {
    function: opts.qualifiedName,
    status: 'ok',
    error: null,
    inputs: inputsOf(p, out.result.inputs),
    variants: out.result.variants.map((v, k) => ({ id: v.id, timing: summarize(v), samplesNs: v.samplesNs, memory: v.memory ?? null, profile: out.profiles[k] ?? null })),
    mocks: out.result.mocks,
    warnings: out.result.warnings,
    isolation: out.isolation,
  };
}

/** Kinds of sandbox errors, for callers that switch on them. */
export const ERROR_KINDS: readonly SandboxErrorKind[] = ['timeout', 'oom', 'crash', 'throws', 'unsupported-input'];
