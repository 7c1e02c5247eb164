// Starts the sandbox child on the user's Node, enforces the wall-clock and heap limits, reads the
// typed messages of contract.ts from fd 3, and turns every way a child can end into a result value.
// The server never dies with the child: a kill, a crash or garbage on the pipe is an error value.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { JOB_FILE, MESSAGE_FD, type ChildJob, type ChildMessage, type ChildResult, type SandboxError } from './contract';

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
}

/** How a child run ended. `ready` says whether the handshake happened before the end. */
export type ChildOutcome = { ok: true; result: ChildResult } | { ok: false; error: SandboxError; ready: boolean };

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

/** Permission-model flags for that Node: reads anywhere (workspace packages), writes only in the sandbox. */
function permissionFlags(version: number[] | null, sandboxDir: string): string[] {
  if (!version) return [];
  const [major, minor] = version;
  const allow = [`--allow-fs-read=*`, `--allow-fs-write=${join(sandboxDir, '*')}`];
  if (major > 22 || (major === 22 && minor >= 13)) return ['--permission', ...allow];
  if (major >= 20) return ['--experimental-permission', ...allow];
  return [];
}

// The child gets the user's environment, except what could steer Node or leak credentials to user code.
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^NODE_OPTIONS$|KEY|TOKEN|SECRET|PASSW|CREDENTIAL/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

const OOM = /heap out of memory|Reached heap limit|Ineffective mark-compacts|Allocation failed/i;

/** Keeps the last `max` characters of a stream, for the error message. */
class Tail {
  text = '';
  constructor(private readonly max = 16_384) {}
  push(s: string): void {
    this.text = (this.text + s).slice(-this.max);
  }
}

let taskset: string | null | undefined;

/**
 * On Linux with several CPUs, runs the child under `taskset` on the last CPU. Unpinned, a child that
 * migrated between cores measured some whole runs twice as slow (seen on 2-core VMs: medians of 110 and
 * 220 ns for the same function); pinned, ten runs agreed within a few percent. taskset execs node, so
 * the child keeps its PID and kill/timeout work as before. Without taskset the child runs unpinned.
 */
function pinnedToOneCpu(nodePath: string, args: string[]): [string, string[]] {
  const cpus = availableParallelism();
  if (process.platform !== 'linux' || cpus < 2 || process.env.PERFLENS_NO_PIN === '1') return [nodePath, args];
  if (taskset === undefined) taskset = ['/usr/bin/taskset', '/bin/taskset'].find((p) => existsSync(p)) ?? null;
  return taskset ? [taskset, ['-c', String(cpus - 1), nodePath, ...args]] : [nodePath, args];
}

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
  if (!script) {
    return Promise.resolve({ ok: false, ready: false, error: { kind: 'crash', message: 'the sandbox child (dist/sandbox-child.js) is not built; run `npm run build`' } });
  }
  if (opts.signal?.aborted) return Promise.reject(abortError());
  writeFileSync(join(job.sandboxDir, JOB_FILE), JSON.stringify(job));
  const args = [
    `--max-old-space-size=${heapMb}`,
    '--expose-gc',
    // Feedback vectors from the first call: otherwise V8 may optimise a sampler mid-loop before it
    // has feedback for the code around the loop, deoptimise, and leave some runs twice as slow.
    '--no-lazy-feedback-allocation',
    '--enable-source-maps',
    '--no-warnings',
    // Node's permission model (20–24) refuses every inspector session, and the coverage pass needs one
    // (harness/coverage.ts): that child goes without it; it calls the function once per candidate input.
    ...(job.coverage ? [] : permissionFlags(nodeVersion(nodePath), job.sandboxDir)),
    resolve(script),
    job.sandboxDir,
  ];

  return new Promise<ChildOutcome>((resolvePromise, reject) => {
    let settled = false;
    let ready = false;
    let result: ChildResult | undefined;
    let reported: SandboxError | undefined;
    let killedFor: 'timeout' | 'abort' | undefined;
    const stderr = new Tail();
    let buffer = '';

    const [command, commandArgs] = pinnedToOneCpu(nodePath, args);
    const child = spawn(command, commandArgs, {
      cwd: job.sandboxDir,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });

    const finish = (outcome: ChildOutcome | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof Error) reject(outcome);
      else resolvePromise(outcome);
    };
    const kill = (why: 'timeout' | 'abort'): void => {
      killedFor ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), timeoutMs);
    const onAbort = (): void => kill('abort');
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const onLine = (line: string): void => {
      if (!line.trim()) return;
      let msg: ChildMessage;
      try {
        msg = JSON.parse(line) as ChildMessage;
      } catch {
        opts.log?.(`[sandbox] unreadable message: ${line.slice(0, 200)}`);
        return;
      }
      if (msg.type === 'ready') ready = true;
      else if (msg.type === 'error') reported ??= msg.error;
      else if (msg.type === 'progress') opts.onProgress?.({ phase: msg.phase, ...(msg.fraction !== undefined ? { fraction: msg.fraction } : {}) });
      else if (msg.type === 'result') result = msg.result;
    };
    const messages = child.stdio[MESSAGE_FD] as NodeJS.ReadableStream | null;
    messages?.setEncoding('utf8');
    messages?.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    const forward = (prefix: string) => (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      if (prefix === 'stderr') stderr.push(s);
      if (opts.log) for (const line of s.split('\n')) if (line) opts.log(`[${prefix}] ${line}`);
    };
    child.stdout?.on('data', forward('stdout'));
    child.stderr?.on('data', forward('stderr'));

    child.on('error', (e) => {
      finish({ ok: false, ready, error: { kind: 'crash', message: `could not start ${nodePath}: ${e.message}; point PerfLens at a Node 20+ executable` } });
    });
    child.on('close', (code, signal) => {
      if (buffer) onLine(buffer);
      if (killedFor === 'abort') return finish(abortError());
      if (result) return finish({ ok: true, result });
      if (reported) return finish({ ok: false, ready, error: reported });
      if (killedFor === 'timeout') {
        return finish({
          ok: false,
          ready,
          error: { kind: 'timeout', message: `${name} did not finish within ${Math.round(timeoutMs / 100) / 10} s (an infinite loop, or too slow for this size); the child was stopped — raise the time limit, or lower the budget if it is just slow` },
        });
      }
      if (OOM.test(stderr.text)) {
        return finish({ ok: false, ready, error: { kind: 'oom', message: `${name} ran out of memory (heap limit ${heapMb} MB); it may build a huge value or leak — raise the heap limit if that is expected` } });
      }
      // 127 is taskset's (and a shell's) "command not found": the configured Node does not exist.
      if (code === 127 && !ready) {
        return finish({ ok: false, ready, error: { kind: 'crash', message: `could not start ${nodePath}: not found; point PerfLens at a Node 20+ executable` } });
      }
      const last = stderr.text.trim().split('\n').filter((l) => l.trim()).slice(-3).join(' | ').slice(0, 400);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      finish({ ok: false, ready, error: { kind: 'crash', message: `the sandbox running ${name} ${how} before reporting${last ? `: ${last}` : ''}` } });
    });
  });
}

function abortError(): Error {
  const e = new Error('the benchmark run was cancelled');
  e.name = 'AbortError';
  return e;
}
