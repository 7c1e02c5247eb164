// Starts the sandbox child on the user's Node, enforces the wall-clock and memory limits, reads the
// typed messages of contract.ts from fd 3, and turns every way a child can end into a result value.
// The server never dies with the child: a kill, a crash, a flood or garbage on the pipe is an error
// value. Layers of docs/security.md applied here: 1 (namespaces, through isolation.ts), 2 (the
// permission model), 4 (the environment allow-list), 5 and 6 (process group, run key, validation)
// and 8 (redaction of everything that leaves).

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findWorkspaceRoot } from '../../workspace';
import { JOB_FILE, MESSAGE_FD, MESSAGE_LIMITS, parseChildMessage, type ChildJob, type ChildResult, type SandboxError } from './contract';
import { killGroup } from './kill';
import { absoluteNode, detectIsolation, layerOf, nodeInstallPaths, nodeModulesAbove, wrapCommand, type IsolationCapability, type IsolationLayer } from './isolation';
import { makeRedactor, type Redactor } from './redact';

/** Limits and hooks of one child run. */
export interface SpawnOptions {
  /** The Node executable (`perflens.nodePath`); default `node`. */
  nodePath?: string;
  /** Hard wall-clock limit in ms; default 30,000. */
  timeoutMs?: number;
  /** V8 old-space limit in MB; default 512. */
  heapMb?: number;
  /** Aborting kills the child; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; fraction?: number }) => void;
  /** Receives the child's stdout/stderr lines (the user's console output), for a log channel. */
  log?: (line: string) => void;
  /** Override of the child entry (tests); default dist/sandbox-child.js. */
  childScript?: string;
  /** Names of further environment variables the child gets (`perflens.sandbox.env`). */
  env?: string[];
  /** Refuse to run without operating-system isolation (`perflens.sandbox.requireIsolation`). */
  requireIsolation?: boolean;
  /** `off` skips layer 1 even where it is available (the sandbox benchmark's comparison). */
  isolation?: 'auto' | 'off';
  /** The workspace the function belongs to: readable by the child. Default: found from each source file. */
  workspaceRoot?: string;
}

/** How a child run ended. `ready` says whether the handshake happened before the end; `isolation` which layer held it. */
export type ChildOutcome =
  | { ok: true; result: ChildResult; isolation: IsolationLayer }
  | { ok: false; error: SandboxError; ready: boolean; isolation: IsolationLayer };

/** Default limits, as the issue states them. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_HEAP_MB = 512;

/** Finds dist/sandbox-child.js from the bundled server (dist/) or from the TypeScript sources. */
export function findChildScript(): string | undefined {
  const local = join(__dirname, 'sandbox-child.js');
  if (existsSync(local)) return local;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'dist', 'sandbox-child.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

const versionCache = new Map<string, number[] | null>();

/** Major/minor/patch of a Node executable, or null when it cannot be run. */
export function nodeVersion(nodePath: string): number[] | null {
  if (nodePath === process.execPath) return process.versions.node.split('.').map(Number);
  if (!versionCache.has(nodePath)) {
    try {
      const out = execFileSync(nodePath, ['--version'], { encoding: 'utf8', timeout: 5000 }).trim();
      versionCache.set(nodePath, out.replace(/^v/, '').split('.').map(Number));
    } catch {
      versionCache.set(nodePath, null);
    }
  }
  return versionCache.get(nodePath) ?? null;
}

/**
 * Permission-model flags for that Node (layer 2): reads only of `readPaths` (workspace, node_modules,
 * Node's files, the child script) and the sandbox; writes only in the sandbox; no child processes,
 * workers, addons or WASI (none is allowed); on Node 25+ no network either (not allowed by default).
 */
function permissionFlags(version: number[] | null, sandboxDir: string, readPaths: string[]): string[] {
  if (!version) return [];
  const [major, minor] = version;
  const allow = [...new Set([sandboxDir, ...readPaths])].map((p) => `--allow-fs-read=${p}`);
  allow.push(`--allow-fs-write=${sandboxDir}`);
  if (major > 22 || (major === 22 && minor >= 13)) return ['--permission', ...allow];
  if (major >= 20) return ['--experimental-permission', ...allow];
  return [];
}

/** Variables every child gets (layer 4: an allow-list, not a deny-list); LC_* are added by prefix. */
const ALLOWED_ENV = ['PATH', 'LANG', 'LANGUAGE', 'TZ', 'NODE_ENV'];

/**
 * The child's environment: the allow-list plus the names the user adds, with TMPDIR and HOME pointing
 * at the sandbox (os.tmpdir() and os.homedir() stay usable). Returns what was withheld as well, so
 * that its values can be redacted from anything the child sends back.
 */
export function childEnv(sandboxDir: string, extra: string[] = [], from: NodeJS.ProcessEnv = process.env): { env: NodeJS.ProcessEnv; withheld: Record<string, string | undefined> } {
  const env: NodeJS.ProcessEnv = {};
  const withheld: Record<string, string | undefined> = {};
  const names = new Set([...ALLOWED_ENV, ...extra.filter((n) => n !== 'NODE_OPTIONS')]);
  for (const [k, v] of Object.entries(from)) {
    if (names.has(k) || k.startsWith('LC_')) env[k] = v;
    else withheld[k] = v;
  }
  env.TMPDIR = sandboxDir;
  env.HOME = sandboxDir;
  return { env, withheld };
}

/** What the child may read besides its sandbox: workspace roots, every node_modules above, Node, the child script. */
function readPathsFor(job: ChildJob, script: string, nodePath: string, workspaceRoot: string | undefined): string[] {
  const out = [dirname(resolve(script)), ...nodeInstallPaths(nodePath)];
  if (workspaceRoot) out.push(resolve(workspaceRoot));
  for (const v of job.variants) {
    const dir = dirname(resolve(v.sourceFile));
    out.push(findWorkspaceRoot(v.sourceFile), dir, ...nodeModulesAbove(dir));
  }
  return out;
}

const OOM = /heap out of memory|Reached heap limit|Ineffective mark-compacts|Allocation failed/i;
// Memory outside the V8 heap (Buffers, Wasm) hits the data limit set by prlimit; depending on the Node
// version that ends as a RangeError inside the function or as a native abort of the whole child.
const NATIVE_OOM = /std::bad_alloc|Cannot allocate memory/;

/** Keeps the last `max` characters of a stream, for the error message. */
class Tail {
  text = '';
  constructor(private readonly max = 16_384) {}
  push(s: string): void {
    this.text = (this.text + s).slice(-this.max);
  }
}

/**
 * On Linux with several CPUs, the CPU the child runs on (under `taskset`). Unpinned, a child that
 * migrated between cores measured some whole runs twice as slow (seen on 2-core VMs: medians of 110 and
 * 220 ns for the same function); pinned, ten runs agreed within a few percent. taskset execs node, so
 * kill and timeout work as before. Without taskset the child runs unpinned.
 */
function pinnedCpu(): number | undefined {
  const cpus = availableParallelism();
  if (process.platform !== 'linux' || cpus < 2 || process.env.PERFLENS_NO_PIN === '1') return undefined;
  return cpus - 1;
}

// Children alive in this process, so that an exit of the server or the CLI takes them along.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of live) killGroup(c);
    });
  }
}

/** The layer a run with these options gets, or the refusal when isolation is required and missing. */
export function isolationFor(opts: Pick<SpawnOptions, 'isolation' | 'requireIsolation'>): { cap: IsolationCapability; error?: SandboxError } {
  const cap: IsolationCapability = opts.isolation === 'off' ? { tool: 'none', reason: 'turned off for this run' } : detectIsolation();
  if (opts.requireIsolation && cap.tool === 'none') {
    return {
      cap,
      error: {
        kind: 'unsupported-input',
        message: `perflens.sandbox.requireIsolation is on, but this machine cannot isolate the benchmark (${cap.reason}); nothing was run — install bubblewrap (apt-get install bubblewrap) or turn the setting off`,
      },
    };
  }
  return { cap };
}

/**
 * The data cap above the heap limit. Node itself maps private writable memory the cap counts before any
 * user code runs, and it grows with the version: Node 20 starts the child in 512 MB above a 64 MB heap,
 * Node 24 needs about 530 MB (below that it aborts with std::bad_alloc before the child is ready).
 * 1 GB leaves room for Node 26 and for the Buffers a function may fairly build, and still stops a leak.
 */
const NON_HEAP_MB = 1024;

/** Most console output forwarded to the log per run; the rest is dropped with one note. */
const MAX_LOG_CHARS = 256 * 1024;

/**
 * Runs `job` in a child process in `job.sandboxDir`. Resolves with the result or a typed error within
 * the time limit plus about a second; rejects only with an AbortError when `signal` aborts.
 */
export function runInSandbox(job: ChildJob, opts: SpawnOptions = {}): Promise<ChildOutcome> {
  const nodePath = opts.nodePath ?? 'node';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const heapMb = opts.heapMb ?? DEFAULT_HEAP_MB;
  const script = opts.childScript ?? findChildScript();
  const name = job.variants[0]?.qualifiedName ?? 'the function';
  const { cap, error: refused } = isolationFor(opts);
  const isolation = layerOf(cap);
  const fail0 = (error: SandboxError): ChildOutcome => ({ ok: false, ready: false, error, isolation });
  if (refused) return Promise.resolve(fail0(refused));
  // The profile child goes without the permission model (below): it may run only inside the namespaces.
  if (job.profile && cap.tool === 'none') {
    return Promise.resolve(fail0({ kind: 'unsupported-input', message: `the profile pass needs OS isolation, which this machine lacks (${cap.reason}); line costs were not measured` }));
  }
  if (!script) {
    return Promise.resolve({ ok: false, ready: false, isolation, error: { kind: 'crash', message: 'the sandbox child (dist/sandbox-child.js) is not built; run `npm run build`' } });
  }
  if (opts.signal?.aborted) return Promise.reject(abortError());
  // Inside the namespaces the wrapper, not a shell, looks the executable up: say plainly when it is missing.
  const node = absoluteNode(nodePath);
  if (cap.tool !== 'none' && !existsSync(node)) {
    return Promise.resolve(fail0({ kind: 'crash', message: `could not start ${nodePath}: not found; point PerfLens at a Node 20+ executable` }));
  }
  writeFileSync(join(job.sandboxDir, JOB_FILE), JSON.stringify(job));
  const readPaths = readPathsFor(job, script, nodePath, opts.workspaceRoot);
  const args = [
    `--max-old-space-size=${heapMb}`,
    '--expose-gc',
    // Feedback vectors from the first call: otherwise V8 may optimise a sampler mid-loop before it
    // has feedback for the code around the loop, deoptimise, and leave some runs twice as slow.
    '--no-lazy-feedback-allocation',
    '--enable-source-maps',
    '--no-warnings',
    // Node's permission model (20–24) refuses every inspector session, and the coverage pass
    // (harness/coverage.ts) and the line profile (lines/pass.ts) need one: those children go without
    // layer 2 (they keep the namespaces, the mocks, the environment allow-list and the run key), and
    // run only where the namespaces hold (profile/index.ts, lines/run.ts). They time nothing.
    // The coverage child runs unoptimised: when optimised code deoptimises on a branch it never saw
    // (an LRU's first eviction), V8 reports nothing of that call, and the input that reached the most
    // blocks would count as reaching none (seen on Node 20 and 24). It times nothing, so speed is moot.
    ...(job.coverage ? ['--max-opt=0'] : []),
    // Optimised code keeps line positions of inlined functions, so the profile pass sees the user's
    // frames even where V8 inlined them into its loop. Only the profile child gets it: never the timed one.
    ...(job.profile ? ['--detailed-line-info'] : []),
    ...(job.coverage || job.profile ? [] : permissionFlags(nodeVersion(nodePath), job.sandboxDir, readPaths)),
    resolve(script),
    job.sandboxDir,
  ];
  // The run key authenticates the harness's messages. It goes over stdin, which the harness reads to
  // the end before any user code loads: never in argv, the environment or a file the child can read.
  const key = randomBytes(24).toString('hex');
  const { env, withheld } = childEnv(job.sandboxDir, opts.env);
  const redact: Redactor = makeRedactor(withheld);
  const log = opts.log ? (line: string) => opts.log!(redact(line)) : undefined;
  const fail = (error: SandboxError, ready: boolean): ChildOutcome => ({ ok: false, ready, isolation, error: { kind: error.kind, message: redact(error.message) } });

  return new Promise<ChildOutcome>((resolvePromise, reject) => {
    let settled = false;
    let ready = false;
    let result: ChildResult | undefined;
    let reported: SandboxError | undefined;
    let rejected: string | undefined;
    let killedFor: 'timeout' | 'abort' | 'flood' | undefined;
    const stderr = new Tail();
    let buffer = '';
    let logged = 0;

    // Memory outside the V8 heap (Buffers, Wasm) counts too: the data cap is the heap plus NON_HEAP_MB.
    const [command, commandArgs] = wrapCommand(cap, { nodePath, args, sandboxDir: job.sandboxDir, readPaths, dataLimitMb: heapMb + NON_HEAP_MB, cpu: pinnedCpu() });
    const child = spawn(command, commandArgs, {
      cwd: job.sandboxDir,
      env,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      // Its own process group and session: a signal the user's code sends to its group reaches only
      // the sandbox, and a kill of the group takes every process it may have left.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    track(child);
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(key + '\n');

    const finish = (outcome: ChildOutcome | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      live.delete(child);
      opts.signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof Error) reject(outcome);
      else resolvePromise(outcome);
    };
    const kill = (why: 'timeout' | 'abort' | 'flood'): void => {
      killedFor ??= why;
      killGroup(child);
    };
    const timer = setTimeout(() => kill('timeout'), timeoutMs);
    const onAbort = (): void => kill('abort');
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const onLine = (line: string): void => {
      // Nothing counts once the parent has decided to stop the child (a result written after the kill).
      if (killedFor || !line.trim()) return;
      const msg = parseChildMessage(line, key, job.timing.maxSamples);
      if ('invalid' in msg) {
        rejected ??= msg.invalid;
        log?.(`[sandbox] ignored ${msg.invalid}`);
        return;
      }
      if (msg.type === 'ready') ready = true;
      else if (msg.type === 'error') reported ??= msg.error;
      else if (msg.type === 'progress') opts.onProgress?.({ phase: msg.phase, ...(msg.fraction !== undefined ? { fraction: msg.fraction } : {}) });
      else if (msg.type === 'result') result ??= msg.result;
    };
    const messages = child.stdio[MESSAGE_FD] as NodeJS.ReadableStream | null;
    messages?.setEncoding('utf8');
    messages?.on('data', (chunk: string) => {
      if (killedFor) return;
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
      if (buffer.length > MESSAGE_LIMITS.maxLineChars) {
        buffer = '';
        kill('flood');
      }
    });
    const forward = (prefix: string) => (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      if (prefix === 'stderr') stderr.push(s);
      if (!log || logged > MAX_LOG_CHARS) return;
      logged += s.length;
      for (const line of s.split('\n')) if (line) log(`[${prefix}] ${line.slice(0, 2000)}`);
      if (logged > MAX_LOG_CHARS) log(`[sandbox] more than ${MAX_LOG_CHARS / 1024} KB of console output; the rest is not shown`);
    };
    child.stdout?.on('data', forward('stdout'));
    child.stderr?.on('data', forward('stderr'));

    child.on('error', (e) => {
      finish(fail({ kind: 'crash', message: `could not start ${nodePath}: ${e.message}; point PerfLens at a Node 20+ executable` }, ready));
    });
    // 'close' waits for every holder of the pipes: should a process of the sandbox outlive the wrapper
    // (see killGroup), the run still ends, a moment after the wrapper's exit.
    child.on('exit', () => {
      setTimeout(() => child.stdio.forEach((s) => s?.destroy()), 2000).unref();
    });
    child.on('close', (code, signal) => {
      if (buffer && !killedFor) onLine(buffer);
      // The wrapper may end before its children: make sure nothing of the run is left.
      killGroup(child);
      if (killedFor === 'abort') return finish(abortError());
      if (killedFor === 'flood') {
        return finish(fail({ kind: 'crash', message: `the sandbox running ${name} flooded its result channel (a line over ${MESSAGE_LIMITS.maxLineChars / 1024 / 1024} MB); the child was stopped` }, ready));
      }
      if (result) return finish({ ok: true, result: { ...result, warnings: result.warnings.map(redact), inputs: { ...result.inputs, examples: result.inputs.examples.map(redact) } }, isolation });
      if (reported) return finish(fail(reported, ready));
      if (killedFor === 'timeout') {
        return finish(
          fail({ kind: 'timeout', message: `${name} did not finish within ${Math.round(timeoutMs / 100) / 10} s (an infinite loop, or too slow for this size); the child was stopped — raise the time limit, or lower the budget if it is just slow` }, ready),
        );
      }
      if (OOM.test(stderr.text)) {
        return finish(fail({ kind: 'oom', message: `${name} ran out of memory (heap limit ${heapMb} MB); it may build a huge value or leak — raise the heap limit if that is expected` }, ready));
      }
      if (NATIVE_OOM.test(stderr.text)) {
        return finish(fail({ kind: 'oom', message: `${name} ran out of memory outside the V8 heap (Buffers or WebAssembly over the sandbox's memory cap); it may build a huge value or leak — raise the heap limit if that is expected` }, ready));
      }
      // 127 is taskset's (and a shell's) "command not found": the configured Node does not exist.
      if (code === 127 && !ready) {
        return finish(fail({ kind: 'crash', message: `could not start ${nodePath}: not found; point PerfLens at a Node 20+ executable` }, ready));
      }
      if (rejected) {
        return finish(fail({ kind: 'crash', message: `the sandbox running ${name} sent ${rejected} and no valid result; PerfLens reports nothing it cannot trust` }, ready));
      }
      const last = stderr.text.trim().split('\n').filter((l) => l.trim()).slice(-3).join(' | ').slice(0, 400);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      finish(fail({ kind: 'crash', message: `the sandbox running ${name} ${how} before reporting${last ? `: ${last}` : ''}` }, ready));
    });
  });
}

/** The rejection of a cancelled run: an Error named AbortError, as fetch and timers use. */
export function abortError(): Error {
  const e = new Error('the benchmark run was cancelled');
  e.name = 'AbortError';
  return e;
}
