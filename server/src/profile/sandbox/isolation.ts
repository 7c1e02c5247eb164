// Layer 1 of the sandbox: operating-system isolation of the child on Linux. Detects once per process
// (and per day, through a small file in the OS temp dir) whether bubblewrap or util-linux `unshare`
// can create user, network, PID, mount and IPC namespaces here, and wraps the child's command line
// so that it runs with no network, no view of other processes, and a read-only file system in which
// only the run's temp dir is writable. Where neither works (macOS, Windows, a container without user
// namespaces) the child runs with the permission model and the mocks only, and the result says so.

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';

/** What the user is told about the isolation a run had. */
export type IsolationLayer = 'namespaces' | 'permission-model';

/** The tool that creates the namespaces, or none. */
export type IsolationTool = 'bwrap' | 'unshare' | 'none';

/** What this machine allows, as probed. */
export interface IsolationCapability {
  tool: IsolationTool;
  /** Absolute path of the tool, when there is one. */
  path?: string;
  /** Why there is no tool (shown once with the first run, and in the docs' terms). */
  reason?: string;
}

/** How one child should be wrapped. */
export interface WrapRequest {
  /** Absolute path of the Node executable. */
  nodePath: string;
  /** Node's arguments (flags, script, its arguments). */
  args: string[];
  /** The run's temp dir: the only writable place, and the child's working directory. */
  sandboxDir: string;
  /** Directories (or files) the child may read: workspace roots, node_modules, the child script. */
  readPaths: string[];
  /** Cap on the child's private writable memory (V8 heap, buffers, WebAssembly), in MB. */
  dataLimitMb: number;
  /** The CPU to pin the child to (taskset), or undefined. */
  cpu?: number;
}

const CACHE_VERSION = 1;
const CACHE_TTL_MS = 24 * 3600 * 1000;
let cached: IsolationCapability | undefined;

/** Candidates for a tool in the usual places, then on PATH. */
function which(name: string): string | undefined {
  const dirs = ['/usr/bin', '/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(delimiter)];
  for (const d of dirs) {
    if (!d || !isAbsolute(d)) continue;
    const p = join(d, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function cacheFile(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `perflens-isolation-${uid}.json`);
}

/** Runs the tool once with the namespaces a real run needs; true when it works here. */
function probe(tool: 'bwrap' | 'unshare', path: string): boolean {
  const args =
    tool === 'bwrap'
      ? ['--unshare-all', '--die-with-parent', '--new-session', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--', 'true']
      : ['--user', '--map-root-user', '--net', '--pid', '--fork', '--ipc', '--mount', '--uts', '--mount-proc', 'true'];
  try {
    execFileSync(path, args, { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * What isolation this machine allows: bubblewrap, else unshare, else none. Probed once per process;
 * the answer is also kept for a day in `<tmp>/perflens-isolation-<uid>.json` so that each CLI run does
 * not pay for the probe (about 10 ms per tool). `PERFLENS_ISOLATION=bwrap|unshare|none` forces a tool
 * (tests and the sandbox benchmark).
 */
export function detectIsolation(): IsolationCapability {
  const forced = process.env.PERFLENS_ISOLATION;
  if (forced === 'none') return { tool: 'none', reason: 'turned off by PERFLENS_ISOLATION=none' };
  if (cached && !forced) return cached;
  if (process.platform !== 'linux') {
    cached = { tool: 'none', reason: `namespaces need Linux; this is ${process.platform}` };
    return cached;
  }
  if (!forced) {
    try {
      const saved = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { v: number; at: number; cap: IsolationCapability };
      if (saved.v === CACHE_VERSION && Date.now() - saved.at < CACHE_TTL_MS && (saved.cap.tool === 'none' || (saved.cap.path && existsSync(saved.cap.path)))) {
        cached = saved.cap;
        return cached;
      }
    } catch {
      // No cache yet, or an unreadable one: probe.
    }
  }
  let cap: IsolationCapability | undefined;
  for (const tool of ['bwrap', 'unshare'] as const) {
    if (forced && forced !== tool) continue;
    const path = which(tool);
    if (path && probe(tool, path)) {
      cap = { tool, path };
      break;
    }
  }
  cap ??= {
    tool: 'none',
    reason: which('bwrap') || which('unshare')
      ? 'this machine does not allow unprivileged user namespaces (a container, or kernel.unprivileged_userns_clone=0)'
      : 'neither bubblewrap (bwrap) nor unshare is installed; on Debian/Ubuntu: apt-get install bubblewrap',
  };
  if (!forced) {
    cached = cap;
    try {
      writeFileSync(cacheFile(), JSON.stringify({ v: CACHE_VERSION, at: Date.now(), cap }), { mode: 0o600 });
    } catch {
      // A read-only temp dir only costs a probe next time.
    }
  }
  return cap;
}

/** Forgets the probed answer (tests). */
export function resetIsolationCache(): void {
  cached = undefined;
}

/** The layer a capability gives. */
export function layerOf(cap: IsolationCapability): IsolationLayer {
  return cap.tool === 'none' ? 'permission-model' : 'namespaces';
}

/** `node` on PATH (or a relative path) as an absolute path, so the wrapper finds it inside the sandbox. */
export function absoluteNode(nodePath: string): string {
  if (isAbsolute(nodePath)) return nodePath;
  if (nodePath.includes(sep)) return resolve(nodePath);
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    if (!d) continue;
    const p = join(d, nodePath);
    if (existsSync(p)) return p;
  }
  return nodePath;
}

/** Each `node_modules` folder from `dir` up to the root, as Node's resolver walks them. */
export function nodeModulesAbove(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const nm = join(d, 'node_modules');
    if (existsSync(nm)) out.push(nm);
    if (dirname(d) === d) return out;
  }
}

/** A path and its real path (symlinked node_modules, a Node binary under a versions folder). */
function withRealPath(p: string): string[] {
  try {
    const real = realpathSync(p);
    return real === p ? [p] : [p, real];
  } catch {
    return [p];
  }
}

/** The folders a Node executable needs: its own, and its install prefix when it is not a system one. */
export function nodeInstallPaths(nodePath: string): string[] {
  const out: string[] = [];
  for (const p of withRealPath(absoluteNode(nodePath))) {
    if (p.startsWith('/usr/') || p.startsWith('/bin/')) continue;
    // <prefix>/bin/node: the prefix holds lib/ and include/; read access to it reads nothing secret.
    const bin = dirname(p);
    out.push(bin.endsWith(`${sep}bin`) ? dirname(bin) : bin);
  }
  return out;
}

/** Paths in an order where a parent comes before its children, without duplicates or nested repeats. */
function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths.flatMap(withRealPath).filter((p) => isAbsolute(p) && existsSync(p)))].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p === q || p.startsWith(q.endsWith(sep) ? q : q + sep))) out.push(p);
  return out;
}

// Files of /etc that Node or the dynamic linker read; the rest of /etc (shadow, ssh, credentials) stays out.
const ETC_FILES = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/localtime', '/etc/passwd', '/etc/group', '/etc/nsswitch.conf', '/etc/alternatives'];
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** bubblewrap's arguments: empty root, system folders read-only, the read paths, the temp dir writable. */
function bwrapArgs(req: WrapRequest): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--hostname', 'perflens-sandbox'];
  for (const d of SYSTEM_DIRS) {
    let st;
    try {
      st = lstatSync(d);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(d), d);
    else args.push('--ro-bind', d, d);
  }
  for (const f of ETC_FILES) if (existsSync(f)) args.push('--ro-bind', f, f);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  const sandbox = resolve(req.sandboxDir);
  for (const p of outermost(req.readPaths)) {
    if (SYSTEM_DIRS.some((d) => p === d || p.startsWith(d + sep))) continue;
    args.push('--ro-bind', p, p);
  }
  for (const p of withRealPath(sandbox)) args.push('--bind', p, p);
  args.push('--chdir', sandbox);
  return args;
}

// The mount namespace of the unshare fallback keeps the host's tree (it cannot build a fresh root
// without a helper binary), so it hides the places that hold secrets under empty read-only tmpfs
// mounts and leaves the rest to layer 2. Its arguments: the folders to hide, `--`, the command.
const UNSHARE_SCRIPT = [
  'while [ "$1" != "--" ]; do mount -t tmpfs -o ro,size=4k perflens-hidden "$1" 2>/dev/null; shift; done; shift;',
  'exec "$@"',
].join(' ');

/** unshare's arguments: new namespaces; home folders hidden unless the run needs to read inside them. */
function unshareArgs(req: WrapRequest): string[] {
  const needed = [...req.readPaths, req.sandboxDir].map((p) => resolve(p));
  const hide = ['/root', '/home', '/run/user', '/var/run/secrets', homedir()].filter(
    (d) => existsSync(d) && !needed.some((p) => p === d || p.startsWith(d + sep)),
  );
  return ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child', '--ipc', '--mount', '--uts', '--mount-proc', '--', '/bin/sh', '-c', UNSHARE_SCRIPT, 'perflens-sandbox', ...new Set(hide), '--'];
}

/**
 * The command line that starts the child with the given isolation: [bwrap|unshare …] then prlimit
 * (private memory cap, no core dumps) then taskset (one CPU) then Node. Each wrapper execs the next,
 * so killing the outermost process (or its process group) ends the child.
 */
export function wrapCommand(cap: IsolationCapability, req: WrapRequest): [string, string[]] {
  const node = absoluteNode(req.nodePath);
  let argv = [node, ...req.args];
  if (req.cpu !== undefined) {
    const taskset = which('taskset');
    if (taskset) argv = [taskset, '-c', String(req.cpu), ...argv];
  }
  if (process.platform === 'linux') {
    const prlimit = which('prlimit');
    // RLIMIT_DATA, not RLIMIT_AS: WebAssembly reserves gigabytes of address space for guard regions
    // (never touched), so an address-space cap breaks every Wasm module; the data cap counts only
    // private writable memory: the V8 heap, Buffers, and Wasm memory as it grows.
    if (prlimit) argv = [prlimit, `--data=${Math.round(req.dataLimitMb * 1024 * 1024)}`, '--core=0', '--', ...argv];
  }
  if (cap.tool === 'bwrap' && cap.path) return [cap.path, [...bwrapArgs(req), '--', ...argv]];
  if (cap.tool === 'unshare' && cap.path) return [cap.path, [...unshareArgs(req), ...argv]];
  return [argv[0], argv.slice(1)];
}
