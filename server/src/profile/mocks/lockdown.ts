// Layer 3 of the sandbox, for the child only and for good: every route to an I/O built-in, from any
// module, reaches the recording mock or a clear error. installMocks() answers requires from the user's
// bundle; this replaces the exports of the real modules themselves, so a package in node_modules,
// module.createRequire(), dynamic import() (after syncBuiltinESMExports) and internal modules that
// hold the same exports object all see the mocks. The I/O entry points of the real classes that
// survive elsewhere (process.stdout is a net.Socket) throw, and so do process.binding and friends.
// It cannot be undone: run it only in the sandbox child, after the harness took what it needs.

import { syncBuiltinESMExports } from 'node:module';
import { BUILTIN_MOCKS } from './builtins';
import type { CallCounter } from './record';

/** Modules whose exports are replaced by the recording mocks. */
const MOCKED = ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns', 'dns/promises', 'child_process', 'worker_threads', 'cluster'];

/** Internal-but-public modules that reach the network without going through the mocked ones. */
const BLOCKED = ['_http_client', '_http_agent', '_http_server', '_tls_wrap', 'wasi'];

/** The error every blocked route throws: what was blocked, by which route, and what to do. */
export class SandboxBlocked extends Error {
  override name = 'SandboxBlocked';
  constructor(route: string) {
    super(`PerfLens blocks ${route} in the benchmark sandbox (no network, processes or native code); benchmark the logic without the I/O, or use the mocked module`);
  }
}

const thrower = (route: string) =>
  function blocked(): never {
    throw new SandboxBlocked(route);
  };

function load(name: string): Record<string, unknown> | undefined {
  try {
    return require(`node:${name}`) as Record<string, unknown>;
  } catch {
    return undefined; // not in this Node version
  }
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  try {
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
  } catch {
    try {
      target[key] = value;
    } catch {
      // A frozen export stays; the prototype guards below still cover it.
    }
  }
}

/** Makes the I/O methods of a real prototype throw. */
function guardPrototype(proto: unknown, methods: string[], route: string): void {
  if (!proto || typeof proto !== 'object') return;
  for (const m of methods) if (typeof (proto as Record<string, unknown>)[m] === 'function') put(proto as Record<string, unknown>, m, thrower(`${route}.${m}()`));
}

/**
 * Replaces the I/O built-ins everywhere in this process. `counter` records the calls that reach
 * the mocks, as installMocks() does for the bundle's own requires.
 */
export function lockDownBuiltins(counter: CallCounter): void {
  // The pipes to the parent are net.Sockets made on first use: make them before net is replaced.
  void process.stdout;
  void process.stderr;
  const net = load('net');
  const dgram = load('dgram');
  const cp = load('child_process');
  const httpAgent = load('_http_agent');
  // Real classes reachable without a require (process.stdout.constructor) or kept by other modules.
  guardPrototype((net?.Socket as { prototype?: unknown } | undefined)?.prototype, ['connect'], 'net.Socket');
  guardPrototype((net?.Server as { prototype?: unknown } | undefined)?.prototype, ['listen'], 'net.Server');
  guardPrototype((dgram?.Socket as { prototype?: unknown } | undefined)?.prototype, ['bind', 'send', 'connect'], 'dgram.Socket');
  guardPrototype((cp?.ChildProcess as { prototype?: unknown } | undefined)?.prototype, ['spawn'], 'child_process.ChildProcess');
  guardPrototype((httpAgent?.Agent as { prototype?: unknown } | undefined)?.prototype, ['createConnection'], 'http.Agent');

  for (const name of MOCKED) {
    const real = load(name);
    const build = BUILTIN_MOCKS[name];
    if (!real || !build) continue;
    const module = name === 'dns/promises' ? 'dns' : name;
    const mock = build({ ...real }, { module, counter }) as Record<string, unknown>;
    for (const key of Object.keys(real)) {
      if (key in mock) continue;
      if (typeof real[key] === 'function') put(real, key, thrower(`${name}.${key}`));
    }
    for (const key of Object.keys(mock)) put(real, key, mock[key]);
  }
  for (const name of BLOCKED) {
    const real = load(name);
    if (!real) continue;
    for (const key of Object.keys(real)) if (typeof real[key] === 'function') put(real, key, thrower(`${name}.${key}`));
  }
  // The inspector may serve in-process sessions (the harness's own), never a port.
  const inspector = load('inspector');
  if (inspector) for (const key of ['open', 'waitForDebugger']) put(inspector, key, thrower(`inspector.${key}()`));
  syncBuiltinESMExports();

  const proc = process as unknown as Record<string, unknown>;
  for (const key of ['binding', '_linkedBinding', 'dlopen', '_debugProcess', '_debugEnd', '_startProfilerIdleNotifier']) {
    if (typeof proc[key] === 'function') put(proc, key, thrower(`process.${key}()`));
  }
  // Signals only to the sandbox itself: the parent and the rest of the machine are out of reach.
  // (process.kill calls process._kill at each call, so both are guarded.)
  const realKill = process.kill.bind(process);
  const rawKill = proc._kill as (pid: number, signal: number) => number;
  const self = process.pid;
  put(proc, '_kill', (pid: number, signal: number) => {
    if (pid !== self) throw new SandboxBlocked(`process.kill(${pid})`);
    return rawKill.call(process, pid, signal);
  });
  put(proc, 'kill', (pid: number, signal?: string | number) => {
    if (pid !== self) throw new SandboxBlocked(`process.kill(${pid})`);
    return realKill(pid, signal);
  });
  for (const name of ['WebSocket', 'EventSource']) {
    if (name in globalThis) put(globalThis as unknown as Record<string, unknown>, name, thrower(`global ${name}`));
  }
}
