// Installs the recording I/O mocks in the sandbox child, before the user's bundle loads.
//
// How: the bundle is CommonJS with every bare import left external, so each `require('fs')`,
// `require('node:http')` or `require('pg')` it makes goes through Module._load. We wrap _load and
// answer with a mock only when the requiring module's file lies inside the sandbox directory (the
// bundle and anything the child writes there). Requires from anywhere else — the child's own
// machinery, PerfLens, real third-party packages in node_modules — get the real module, so the
// harness can still write results with the real fs. globalThis.fetch has no require to hook, so it
// is replaced outright: nothing in the child's own machinery uses fetch. In the sandbox child,
// `everywhere` also replaces the network and process modules for every other route (lockdown.ts);
// fs stays real outside the sandbox (packages read their own files), its writes confined by the
// permission model and the read-only mount namespace.

import Module from 'node:module';
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { CallCounter } from './record';
import { BUILTIN_MOCKS, mockFetch } from './builtins';
import { clientMockFor } from './clients';
import { scripted } from './answers';
import { lockDownBuiltins } from './lockdown';

/** One mocked module that the run touched, and how many calls reached it. */
export interface MockHit {
  module: string;
  calls: number;
}

/** What installMocks() gives back: the calls recorded so far, and a way to start counting afresh. */
export interface MockRecorder {
  hits(): MockHit[];
  reset(): void;
}

type LoadFn = (request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean) => unknown;
const ModuleWithLoad = Module as unknown as { _load: LoadFn };

let installed: { originalLoad: LoadFn; originalFetch: typeof fetch | undefined } | undefined;

/** The modules mocked for user code, without the `node:` prefix (packages are in clients.ts). */
export const MOCKED_BUILTINS = Object.keys(BUILTIN_MOCKS);

/**
 * Hooks module loading so code under `sandboxDir` gets recording mocks of fs, net, http(s/2), dns,
 * tls, dgram, child_process, worker_threads and common clients; replaces globalThis.fetch.
 * Calling it again replaces the previous installation.
 */
export function installMocks(opts: { sandboxDir: string; everywhere?: boolean }): MockRecorder {
  uninstallMocks();
  const roots = new Set<string>([withSep(resolve(opts.sandboxDir))]);
  try {
    roots.add(withSep(realpathSync(opts.sandboxDir)));
  } catch {
    // The directory may not exist yet; the resolved path is enough then.
  }
  const counter = new CallCounter();
  const cache = new Map<string, unknown>();
  const originalLoad = ModuleWithLoad._load;
  const fromSandbox = (parent: { filename?: string | null } | null | undefined): boolean => {
    const file = parent?.filename;
    if (!file) return false;
    for (const root of roots) if (file.startsWith(root)) return true;
    return false;
  };

  ModuleWithLoad._load = function (this: unknown, request: string, parent, isMain): unknown {
    if (typeof request === 'string' && fromSandbox(parent)) {
      const mocked = mockFor(request, counter, cache, (r) => originalLoad.call(this, r, null, false));
      if (mocked !== undefined) return mocked;
    }
    return originalLoad.call(this, request, parent, isMain);
  };
  const originalFetch = globalThis.fetch;
  globalThis.fetch = mockFetch(counter);
  installed = { originalLoad, originalFetch };
  // Irreversible: uninstallMocks() restores the loader and fetch, not the replaced module exports.
  if (opts.everywhere) lockDownBuiltins(counter);

  return {
    hits: () => counter.entries(),
    reset: () => counter.clear(),
  };
}

/** Restores the real module loader and fetch (tests, and a child that runs several functions). */
export function uninstallMocks(): void {
  if (!installed) return;
  ModuleWithLoad._load = installed.originalLoad;
  if (installed.originalFetch) globalThis.fetch = installed.originalFetch;
  installed = undefined;
}

function withSep(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

/** The mock for one specifier, made once per installation; undefined when the module stays real. */
function mockFor(request: string, counter: CallCounter, cache: Map<string, unknown>, loadReal: (r: string) => unknown): unknown {
  const name = request.startsWith('node:') ? request.slice(5) : request;
  if (cache.has(name)) return cache.get(name);
  let mock: unknown;
  const builtin = BUILTIN_MOCKS[name];
  if (builtin) {
    // Counted under the name the issue lists them by: fs/promises on its own, dns/promises as dns.
    const module = name === 'dns/promises' ? 'dns' : name;
    mock = builtin(loadReal(name) as Record<string, unknown>, { module, counter });
  } else if (!request.startsWith('node:') && !request.startsWith('.') && !request.startsWith('/')) {
    mock = clientMockFor(name, counter)?.exports;
  }
  // Methods the user scripted (.perflens/mocks.json, @perflens-mock) answer with the script's value.
  if (mock !== undefined) mock = scripted(name, mock);
  if (mock !== undefined) cache.set(name, mock);
  return mock;
}
