// The sandbox child's entry (bundled to dist/sandbox-child.js): reads the run key from stdin, installs
// the I/O mocks everywhere, loads each variant's bundle, builds the inputs, runs the harness and writes
// typed messages, signed with the key, on fd 3. The harness's intrinsics (harness/intrinsics.ts) are
// taken when this bundle starts, before any user module loads.
// Anything that goes wrong ends as one `error` message with a kind and an actionable message.

import { jsonStringify, plainCopy, safeReadSync, safeSetTimeout, safeWriteSync, sortedNumbers, withOriginals } from '../harness/intrinsics';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { installMocks, type MockRecorder } from '../mocks/install';
import { setAnswers } from '../mocks/answers';
import { materialize, MaterializeError } from '../inputs/materialize';
import { formatExample } from '../inputs/preview';
import type { Pool, Target } from '../harness/call';
import { calibrate, describeError, probe, sampleInterleaved, streamThroughput, TargetThrows, timedVariant, warmUp, type TimedVariant } from '../harness/measure';
import { measureMemory } from '../harness/memory';
import { coveragePass, startCoverage } from '../harness/coverage';
import { sweepGrowth } from '../harness/sweep';
import { openProfileSession, profileVariants } from '../lines/pass';
import { JOB_FILE, MESSAGE_FD, type ChildJob, type ChildMessage, type SandboxError, type TimedInputs, type VariantJob, type VariantRun } from './contract';

const realExit = process.exit.bind(process);
let finished = false;
let currentName = 'the function';
let runKey = '';

function send(msg: ChildMessage): void {
  // Synchronous on purpose: the message must be out before any exit the user's code may cause.
  safeWriteSync(MESSAGE_FD, jsonStringify(plainCopy({ ...msg, key: runKey })) + '\n');
}

/** The run key: the first line on stdin, which the parent writes and closes right after the spawn. */
function readRunKey(): string {
  const buf = Buffer.alloc(128);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let text = '';
  // stdin may be a non-blocking pipe that is still empty: wait up to 10 s, 1 ms at a time.
  for (let waited = 0; waited < 10_000 && !text.includes('\n'); ) {
    let n = 0;
    try {
      n = safeReadSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') break;
      Atomics.wait(pause, 0, 0, 1);
      waited++;
      continue;
    }
    if (n === 0) break;
    text += buf.toString('utf8', 0, n);
  }
  return text.trim();
}

function fail(error: SandboxError, code = 1): never {
  if (!finished) {
    finished = true;
    send({ type: 'error', error });
  }
  return realExit(code);
}

/** Ends the run from the user's process.exit(), naming it as the cause. */
function guardProcess(): void {
  // No inspector port in the child either: a SIGUSR1 the code sends itself opens nothing.
  process.on('SIGUSR1', () => undefined);
  process.exit = ((code?: number | string | null) => {
    fail({ kind: 'crash', message: `${currentName} called process.exit(${code ?? ''}); PerfLens cannot measure a function that ends the process — guard the call or benchmark a caller that does not exit` }, 1);
  }) as typeof process.exit;
  process.on('uncaughtException', (e) => {
    fail({ kind: 'crash', message: `uncaught exception while running ${currentName}: ${describeError(e)} (thrown outside the call, e.g. in a timer or callback)` });
  });
  process.on('unhandledRejection', (e) => {
    fail({ kind: 'crash', message: `unhandled promise rejection while running ${currentName}: ${describeError(e)}; await or catch the promise it creates` });
  });
}

/** Lets the bundle's bare imports resolve from the user's workspace node_modules. */
function resolveFromWorkspace(variants: VariantJob[]): void {
  const roots = new Map(variants.map((v) => [v.bundlePath, dirname(v.sourceFile)]));
  const M = Module as unknown as { _resolveFilename: (req: string, parent: { filename?: string } | undefined, isMain: boolean, opts?: unknown) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (e) {
      const from = parent?.filename ? roots.get(parent.filename) : undefined;
      if (!from) throw e;
      return original.call(this, request, parent, isMain, { paths: [from] });
    }
  };
}

interface Exposed {
  fn: () => unknown;
  self: () => unknown;
  cls: () => unknown;
  bindings: () => Record<string, unknown>;
}

interface Loaded {
  job: VariantJob;
  exposed: Exposed;
  target: Target;
  bindings: Record<string, unknown>;
}

function load(v: VariantJob): Loaded {
  currentName = v.qualifiedName;
  let mod: { __perflens_expose?: Exposed };
  try {
    mod = require(v.bundlePath) as typeof mod;
  } catch (e) {
    fail({ kind: 'crash', message: `loading the module of ${v.qualifiedName} threw: ${describeError(e)}; PerfLens runs the module's top-level code before measuring` });
  }
  const exposed = mod.__perflens_expose;
  if (!exposed) fail({ kind: 'crash', message: `the bundle of ${v.qualifiedName} has no exposed target; this is a PerfLens bug — please report it` });
  let fn: unknown;
  let self: unknown;
  try {
    fn = exposed.fn();
    self = exposed.self();
  } catch (e) {
    fail({ kind: 'unsupported-input', message: `cannot reach ${v.qualifiedName} after loading its module: ${describeError(e)}` });
  }
  if (v.access.mode !== 'field' && typeof fn !== 'function') {
    fail({ kind: 'unsupported-input', message: `${v.qualifiedName} is not a function at run time (found ${fn === null ? 'null' : typeof fn})` });
  }
  return { job: v, exposed, target: { fn, self, access: v.access }, bindings: exposed.bindings() };
}

/** Instances for methods when the recipe gives no receiver: `new C()`, else a bare object of its prototype. */
function defaultReceiver(l: Loaded): unknown {
  const C = l.exposed.cls() as (new () => unknown) | undefined;
  if (typeof C !== 'function') return undefined;
  try {
    return new C();
  } catch {
    return Object.create(C.prototype as object);
  }
}

function makePool(job: ChildJob, l: Loaded, size: number, count: number, indices?: number[]): Pool {
  try {
    // With the built-ins of startup: a module that replaced Math.max must not shrink the input pool.
    const pool = withOriginals(() => materialize(job.recipe, { size, seed: job.seed, count, bindings: l.bindings, ...(indices ? { indices } : {}) }));
    if (l.target.access.receiver === 'instance' && !job.recipe.receiver) pool.receivers = pool.receivers.map(() => defaultReceiver(l));
    return pool;
  } catch (e) {
    if (e instanceof MaterializeError) fail({ kind: 'unsupported-input', message: `cannot build inputs for ${l.job.qualifiedName}: ${e.message}` });
    fail({ kind: 'unsupported-input', message: `building inputs for ${l.job.qualifiedName} failed: ${describeError(e)}` });
  }
}

function throwsError(l: Loaded, e: TargetThrows): SandboxError {
  const name = l.job.qualifiedName;
  if (e.stackOverflow) return { kind: 'crash', message: `${name} overflowed the call stack for every input (unbounded recursion?): ${e.message}` };
  if (e.referenceError && l.job.hoistedFrom) {
    return {
      kind: 'unsupported-input',
      message: `${name} uses variables of its enclosing function ${l.job.hoistedFrom} (${describeError(e.cause)}); move it to module scope or benchmark ${l.job.hoistedFrom}`,
    };
  }
  return { kind: 'throws', message: `${e.message}; give working inputs with @perflens or .perflens/inputs.json` };
}

/** What the first variant is timed on: its size, whether calls get fresh copies, and an example per parameter from the timed pool. */
function timedInputs(job: ChildJob, v: TimedVariant | undefined): TimedInputs {
  if (!v) return { n: job.size, cloned: false, examples: [] };
  // Unchanged by any call: either nothing mutates, or the pool holds the pristine copies timed calls are copied from.
  const first = v.probe.pool.args[0];
  const count = job.recipe.params.length;
  const examples = job.recipe.params.map((_, k) => formatExample(job.recipe.restLast && k === count - 1 ? first.slice(k) : first[k]));
  return { n: job.size, cloned: v.probe.mutates, examples };
}

/** Two timer turns: pending timers fire and unhandled rejections are reported before we go on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((r) => safeSetTimeout(r, 2));
}

async function main(): Promise<void> {
  runKey = readRunKey();
  const sandboxDir = process.argv[2] ?? process.cwd();
  const job = JSON.parse(readFileSync(join(sandboxDir, JOB_FILE), 'utf8')) as ChildJob;
  guardProcess();
  setAnswers(job.answers);
  const recorder: MockRecorder = installMocks({ sandboxDir: job.sandboxDir, everywhere: true });
  resolveFromWorkspace(job.variants);
  const coverageSession = job.coverage ? await startCoverage() : undefined;
  // Like the coverage session, opened before any user module loads.
  const profileSession = job.profile ? openProfileSession() : undefined;
  const loaded = job.variants.map(load);
  // A plain function that reads `this` gets a receiver from its recipe (planInputs infers one from `this.x` uses).
  if (job.recipe.receiver) {
    for (const l of loaded) if (l.target.access.mode === 'plain') l.target.access = { mode: 'this', receiver: 'instance' };
  }
  send({ type: 'ready', pid: process.pid, nodeVersion: process.version, variants: loaded.map((l) => l.job.id) });

  const warnings: string[] = [];
  if (job.coverage && coverageSession) {
    // A coverage pass only: candidates under block coverage, no timing (see harness/coverage.ts).
    send({ type: 'progress', phase: 'coverage' });
    const l = loaded[0];
    const candidates = makePool(job, l, job.size, job.coverage.candidates);
    const coverage = await coveragePass(coverageSession, { target: l.target, candidates, bundlePath: l.job.bundlePath, sourceFile: l.job.sourceFile, blocks: job.coverage.blocks, keep: job.poolSize });
    coverageSession.close();
    await settle();
    finished = true;
    send({ type: 'result', result: { variants: [], inputs: { n: job.size, cloned: false, examples: [] }, growth: null, mocks: recorder.hits(), warnings, coverage } });
    realExit(0);
  }
  const timed: TimedVariant[] = [];
  send({ type: 'progress', phase: job.profile ? 'lines' : 'probe' });
  for (const l of loaded) {
    currentName = l.job.qualifiedName;
    const pool = makePool(job, l, job.size, job.poolSize, job.indices);
    try {
      const p = await probe(l.target, pool, l.job.qualifiedName);
      if (p.dropped.length > 0) warnings.push(`${l.job.id}: ${p.dropped.length} of ${pool.args.length} inputs threw and were left out (${p.dropped[0]})`);
      timed.push(timedVariant(l.job.id, l.target, p));
    } catch (e) {
      if (e instanceof TargetThrows) fail(throwsError(l, e));
      throw e;
    }
  }

  const inputs = timedInputs(job, timed[0]);
  // Give timers and rejections the probe calls left behind a chance to fail the run now, clearly.
  await settle();
  const t = job.timing;
  if (job.profile && profileSession) {
    // A profile pass only, in a child of its own after the timed one: the profilers never run while
    // time is measured (see lines/pass.ts). It warms each variant itself.
    for (const v of timed) {
      currentName = v.id;
      await calibrate(v, t.targetSampleNs);
    }
    const profiles = await profileVariants(profileSession, timed.map((v, k) => ({ variant: v, bundlePath: loaded[k].job.bundlePath })), job.profile);
    for (const [k, p] of profiles.entries()) if (p instanceof Error) warnings.push(`${timed[k].id}: line costs unavailable: ${p.message}`);
    await settle();
    finished = true;
    send({ type: 'result', result: { variants: [], inputs, growth: null, mocks: recorder.hits(), warnings, profiles: profiles.map((p) => (p instanceof Error ? null : p)) } });
    realExit(0);
  }
  send({ type: 'progress', phase: 'warmup' });
  for (const v of timed) {
    currentName = v.id;
    await calibrate(v, t.targetSampleNs);
    await warmUp(v, t.targetSampleNs, Math.min(1000, (t.budgetMs * 0.3) / timed.length));
  }
  send({ type: 'progress', phase: 'timing', fraction: 0 });
  await sampleInterleaved(timed, {
    budgetMs: t.budgetMs * 0.7,
    minSamples: t.minSamples,
    maxSamples: t.maxSamples,
    onProgress: (fraction) => send({ type: 'progress', phase: 'timing', fraction }),
  });

  const runs: VariantRun[] = [];
  for (const v of timed) {
    const run: VariantRun = { id: v.id, mode: v.probe.mode, samplesNs: v.samples, iterationsPerSample: v.iters, warmupSamples: v.warmupSamples };
    if (v.probe.mode === 'stream') run.itemsPerSec = await streamThroughput(v);
    if (job.memory) {
      send({ type: 'progress', phase: 'memory' });
      const sorted = sortedNumbers(v.samples);
      run.memory = await measureMemory(v, sorted[sorted.length >> 1]);
    }
    runs.push(run);
  }

  let growth = null;
  if (job.growth) {
    send({ type: 'progress', phase: 'growth', fraction: 0 });
    const l = loaded[0];
    currentName = l.job.qualifiedName;
    growth = await sweepGrowth({
      target: l.target,
      name: l.job.qualifiedName,
      recipe: job.recipe,
      bindings: l.bindings,
      seed: job.seed,
      poolSize: job.poolSize,
      budgetMs: job.growth.budgetMs,
      maxSize: job.growth.maxSize,
      onProgress: (fraction) => send({ type: 'progress', phase: 'growth', fraction }),
    });
  }

  await settle();
  finished = true;
  send({ type: 'result', result: { variants: runs, inputs, growth, mocks: recorder.hits(), warnings } });
  realExit(0);
}

main().catch((e) => {
  if (e instanceof RangeError && /call stack/i.test(e.message)) fail({ kind: 'crash', message: `${currentName} overflowed the call stack: ${describeError(e)}` });
  fail({ kind: 'throws', message: `${currentName} threw while being measured: ${describeError(e)}` });
});
