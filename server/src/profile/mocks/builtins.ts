// Recording mocks of Node's I/O modules (fs, net, http, dns, child_process, ...). Each mock keeps the
// real module's constants and a short allow-list of pure helpers (PURE below), and replaces everything
// else — functions and classes alike — with a counted fake returning a plausible value. Nothing of the
// real module is spread: a live class (net.Socket, http.Agent, dns.Resolver) would reach the network.
// Over 400 lines because it is a table: one short entry per Node module, read best side by side.

import { Readable, Writable } from 'node:stream';
import { EventEmitter } from 'node:events';
import { httpData } from './answers';
import { CallCounter, FakeHandle, MockScope, callbackLast, recorded } from './record';

/** Functions of the real modules that touch no disk, network or process, kept as they are. */
const PURE: Record<string, readonly string[]> = {
  fs: ['Stats', 'Dirent', 'StatFs'],
  net: ['isIP', 'isIPv4', 'isIPv6', 'BlockList', 'SocketAddress', 'getDefaultAutoSelectFamily', 'setDefaultAutoSelectFamily', 'getDefaultAutoSelectFamilyAttemptTimeout', 'setDefaultAutoSelectFamilyAttemptTimeout'],
  tls: ['checkServerIdentity', 'createSecureContext', 'getCiphers', 'convertALPNProtocols', 'SecureContext'],
  http: ['validateHeaderName', 'validateHeaderValue', 'setMaxIdleHTTPParsers'],
  http2: ['getDefaultSettings', 'getPackedSettings', 'getUnpackedSettings'],
  dns: ['getServers', 'setServers', 'getDefaultResultOrder', 'setDefaultResultOrder'],
  worker_threads: ['MessageChannel', 'MessagePort', 'BroadcastChannel', 'markAsUntransferable', 'isMarkedAsUntransferable', 'markAsUncloneable', 'moveMessagePortToContext', 'receiveMessageOnPort', 'getEnvironmentData', 'setEnvironmentData'],
};

// Values that are objects holding live handles, never copied from the real module.
const LIVE_VALUES = new Set(['globalAgent', 'promises']);

/** The real module's constants and its pure helpers: the base every mock starts from. */
function inert(real: Record<string, unknown>, pure: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(real)) {
    const v = real[key];
    if (typeof v === 'function' ? pure.includes(key) : !LIVE_VALUES.has(key)) out[key] = v;
  }
  return out;
}

/** Plausible content of any file: valid JSON and a valid string, so `JSON.parse(read())` works too. */
const FILE_TEXT = '{}';

function encodingOf(opts: unknown): string | undefined {
  if (typeof opts === 'string') return opts;
  if (opts && typeof opts === 'object' && typeof (opts as { encoding?: unknown }).encoding === 'string') return (opts as { encoding: string }).encoding;
  return undefined;
}

function fakeStats(): Record<string, unknown> {
  const t = new Date(Date.UTC(2024, 0, 1));
  return {
    size: FILE_TEXT.length, mode: 0o100644, uid: 0, gid: 0, nlink: 1, dev: 1, ino: 1, rdev: 0, blksize: 4096, blocks: 1,
    atime: t, mtime: t, ctime: t, birthtime: t, atimeMs: +t, mtimeMs: +t, ctimeMs: +t, birthtimeMs: +t,
    isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false, isFIFO: () => false,
    isSocket: () => false, isBlockDevice: () => false, isCharacterDevice: () => false,
  };
}

function fakeDirents(withTypes: boolean): unknown[] {
  const names = ['a.txt', 'b.json'];
  if (!withTypes) return names;
  return names.map((name) => ({ name, isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false }));
}

/** What each synchronous fs call returns; the callback and promise forms resolve to the same. */
function fsResult(name: string, args: unknown[]): unknown {
  switch (name) {
    case 'readFile': {
      const enc = encodingOf(args[1]);
      return enc ? FILE_TEXT : Buffer.from(FILE_TEXT);
    }
    case 'readdir':
      return fakeDirents(Boolean((args[1] as { withFileTypes?: boolean } | undefined)?.withFileTypes));
    case 'stat':
    case 'lstat':
    case 'fstat':
      return fakeStats();
    case 'exists':
      return true;
    case 'realpath':
    case 'readlink':
      return String(args[0]);
    case 'mkdtemp':
      return `${String(args[0])}mock00`;
    case 'mkdir':
      return (args[1] as { recursive?: boolean } | undefined)?.recursive ? String(args[0]) : undefined;
    case 'open':
      return 3;
    case 'read':
      return 0;
    case 'write':
      return typeof args[1] === 'string' ? Buffer.byteLength(args[1]) : ((args[1] as { length?: number })?.length ?? 0);
    default:
      return undefined;
  }
}

/** fs/promises' FileHandle, enough for open → read/write → close. */
function fakeFileHandle(scope: MockScope): Record<string, unknown> {
  const p = (name: string) => recorded(scope, (...a: unknown[]) => Promise.resolve(fsResult(name, [undefined, ...a])));
  return {
    fd: 3,
    readFile: p('readFile'), writeFile: p('writeFile'), appendFile: p('appendFile'), stat: p('stat'),
    read: recorded(scope, () => Promise.resolve({ bytesRead: 0, buffer: Buffer.alloc(0) })),
    write: recorded(scope, () => Promise.resolve({ bytesWritten: 0 })),
    close: recorded(scope, () => Promise.resolve()), truncate: p('truncate'), sync: p('sync'),
  };
}

function mockFs(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const out = inert(real, PURE.fs);
  const ReadStream = class FakeReadStream extends Readable {
    constructor() {
      super({ read() {} });
      scope.counter.hit(scope.module);
      this.push(Buffer.from(FILE_TEXT));
      this.push(null);
    }
  };
  const WriteStream = class FakeWriteStream extends Writable {
    constructor() {
      super({ write: (_c, _e, cb) => cb() });
      scope.counter.hit(scope.module);
    }
  };
  Object.assign(out, { ReadStream, WriteStream, FileReadStream: ReadStream, FileWriteStream: WriteStream });
  for (const [key, value] of Object.entries(real)) {
    if (typeof value !== 'function' || /^[A-Z]/.test(key)) continue; // classes: the pure ones above, or fakes
    if (key.endsWith('Sync')) {
      const base = key.slice(0, -4);
      out[key] = recorded(scope, (...args: unknown[]) => fsResult(base, args));
    } else if (key === 'exists') {
      out[key] = recorded(scope, (...args: unknown[]) => callbackLast(args, true));
    } else if (key === 'createReadStream') {
      out[key] = recorded(scope, () => Readable.from([Buffer.from(FILE_TEXT)]));
    } else if (key === 'createWriteStream') {
      out[key] = recorded(scope, () => new Writable({ write: (_c, _e, cb) => cb() }));
    } else if (key === 'watch' || key === 'watchFile') {
      out[key] = recorded(scope, () => Object.assign(new EventEmitter(), { close() {}, ref() {}, unref() {} }));
    } else {
      out[key] = recorded(scope, (...args: unknown[]) => {
        callbackLast(args, null, fsResult(key, args));
      });
    }
  }
  out.promises = mockFsPromises(real.promises as Record<string, unknown>, scope);
  return out;
}

function mockFsPromises(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const out = inert(real);
  for (const [key, value] of Object.entries(real)) {
    if (typeof value !== 'function') continue;
    out[key] =
      key === 'open'
        ? recorded(scope, () => Promise.resolve(fakeFileHandle(scope)))
        : recorded(scope, (...args: unknown[]) => Promise.resolve(fsResult(key, args)));
  }
  return out;
}

/** An incoming HTTP response with a small JSON body. */
function fakeIncoming(): Readable {
  const res = Readable.from([Buffer.from(FILE_TEXT)]) as Readable & Record<string, unknown>;
  Object.assign(res, { statusCode: 200, statusMessage: 'OK', headers: { 'content-type': 'application/json' }, httpVersion: '1.1' });
  return res;
}

function fakeServer(scope: MockScope): FakeHandle & Record<string, unknown> {
  const server = new FakeHandle(scope) as FakeHandle & Record<string, unknown>;
  server.listen = recorded(scope, (...args: unknown[]) => {
    callbackLast(args);
    process.nextTick(() => server.emit('listening'));
    return server;
  });
  server.close = recorded(scope, (...args: unknown[]) => {
    callbackLast(args);
    process.nextTick(() => server.emit('close'));
    return server;
  });
  return server;
}

function mockHttp(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const request = (...args: unknown[]): FakeHandle => {
    const req = new FakeHandle(scope);
    const cb = args.find((a) => typeof a === 'function') as ((res: Readable) => void) | undefined;
    if (cb) req.on('response', cb);
    const end = req.end.bind(req);
    (req as unknown as Record<string, unknown>).end = (...a: unknown[]) => {
      end(...a);
      process.nextTick(() => req.emit('response', fakeIncoming()));
      return req;
    };
    return req;
  };
  const Agent = class FakeAgent extends EventEmitter {
    destroy() {}
    createConnection(...args: unknown[]): FakeHandle {
      scope.counter.hit(scope.module);
      const sock = new FakeHandle(scope, ['connect']);
      callbackLast(args, null, sock);
      return sock;
    }
  };
  const ClientRequest = class FakeClientRequest extends FakeHandle {
    constructor() {
      super(scope);
      scope.counter.hit(scope.module);
    }
  };
  const Server = class FakeServer extends EventEmitter {
    constructor() {
      super();
      return fakeServer(scope);
    }
  };
  return {
    ...inert(real, PURE.http),
    request: recorded(scope, request),
    get: recorded(scope, (...args: unknown[]) => {
      const req = request(...args);
      req.end();
      return req;
    }),
    createServer: recorded(scope, () => fakeServer(scope)),
    Agent,
    globalAgent: new Agent(),
    ClientRequest,
    Server,
    IncomingMessage: Readable,
    OutgoingMessage: Writable,
    ServerResponse: Writable,
  };
}

function mockNetLike(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const connect = recorded(scope, (...args: unknown[]) => {
    const sock = new FakeHandle(scope, ['connect', 'ready', 'secureConnect']);
    const cb = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (cb) sock.once('connect', cb);
    return sock;
  });
  const Socket = class FakeSocket extends FakeHandle {
    constructor() {
      super(scope);
    }
    connect(...args: unknown[]): this {
      scope.counter.hit(scope.module);
      callbackLast(args);
      process.nextTick(() => this.emit('connect'));
      return this;
    }
  };
  const Server = class FakeServer extends EventEmitter {
    constructor() {
      super();
      return fakeServer(scope);
    }
  };
  return {
    ...inert(real, [...PURE.net, ...PURE.tls]),
    connect, createConnection: connect, Socket, Stream: Socket, TLSSocket: Socket, Server,
    createServer: recorded(scope, () => fakeServer(scope)),
    createSecureServer: recorded(scope, () => fakeServer(scope)),
  };
}

function mockHttp2(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const connect = recorded(scope, (...args: unknown[]) => {
    const session = new FakeHandle(scope, ['connect']) as FakeHandle & Record<string, unknown>;
    callbackLast(args);
    session.request = recorded(scope, () => {
      const stream = new FakeHandle(scope) as FakeHandle & Record<string, unknown>;
      process.nextTick(() => {
        stream.emit('response', { ':status': 200, 'content-type': 'application/json' });
        stream.emit('data', Buffer.from(FILE_TEXT));
        stream.emit('end');
      });
      return stream;
    });
    session.close = recorded(scope, (...a: unknown[]) => callbackLast(a));
    return session;
  });
  return { ...inert(real, PURE.http2), connect, createServer: recorded(scope, () => fakeServer(scope)), createSecureServer: recorded(scope, () => fakeServer(scope)) };
}

function dnsResult(name: string): unknown {
  if (name === 'lookupService') return ['localhost', 'http'];
  if (name === 'reverse') return ['localhost'];
  if (name === 'resolveMx') return [{ exchange: 'mail.example.invalid', priority: 10 }];
  if (name === 'resolveTxt') return [['v=mock']];
  if (name === 'resolveSoa') return { nsname: 'ns.example.invalid', hostmaster: 'root.example.invalid', serial: 1, refresh: 0, retry: 0, expire: 0, minttl: 0 };
  return ['127.0.0.1'];
}

function mockDns(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const out = inert(real, PURE.dns);
  const promises = inert((real.promises ?? {}) as Record<string, unknown>, PURE.dns);
  for (const name of Object.keys(real)) {
    if (name !== 'lookup' && name !== 'lookupService' && name !== 'reverse' && !name.startsWith('resolve')) continue;
    if (name === 'lookup') {
      out.lookup = recorded(scope, (...args: unknown[]) => {
        const all = (args[1] as { all?: boolean } | undefined)?.all;
        callbackLast(args, null, ...(all ? [[{ address: '127.0.0.1', family: 4 }]] : ['127.0.0.1', 4]));
      });
      promises.lookup = recorded(scope, () => Promise.resolve({ address: '127.0.0.1', family: 4 }));
    } else {
      out[name] = recorded(scope, (...args: unknown[]) => {
        callbackLast(args, null, dnsResult(name));
      });
      promises[name] = recorded(scope, () => Promise.resolve(dnsResult(name)));
    }
  }
  // A Resolver answers like the module's own functions; servers are remembered, never asked.
  const resolverOf = (source: Record<string, unknown>) =>
    class FakeResolver {
      private servers: string[] = [];
      constructor() {
        for (const [k, v] of Object.entries(source)) if (typeof v === 'function' && (k === 'lookup' || k === 'reverse' || k.startsWith('resolve'))) (this as Record<string, unknown>)[k] = v;
      }
      setServers(servers: string[]): void {
        this.servers = [...servers];
      }
      getServers(): string[] {
        return this.servers;
      }
      cancel(): void {}
      setLocalAddress(): void {}
    };
  out.Resolver = resolverOf(out);
  promises.Resolver = resolverOf(promises);
  out.promises = promises;
  return out;
}

function mockDgram(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const createSocket = recorded(scope, () => {
    const sock = new FakeHandle(scope) as FakeHandle & Record<string, unknown>;
    sock.send = recorded(scope, (...a: unknown[]) => callbackLast(a, null, 0));
    sock.bind = recorded(scope, (...a: unknown[]) => {
      callbackLast(a);
      process.nextTick(() => sock.emit('listening'));
      return sock;
    });
    sock.close = recorded(scope, (...a: unknown[]) => {
      callbackLast(a);
      return sock;
    });
    return sock;
  });
  const Socket = class FakeDgramSocket extends EventEmitter {
    constructor() {
      super();
      return createSocket();
    }
  };
  return { ...inert(real), createSocket, Socket };
}

function fakeChild(scope: MockScope): FakeHandle & Record<string, unknown> {
  const child = new FakeHandle(scope) as FakeHandle & Record<string, unknown>;
  Object.assign(child, {
    pid: 4242, exitCode: null, stdin: new Writable({ write: (_c, _e, cb) => cb() }),
    stdout: Readable.from([]), stderr: Readable.from([]),
    kill: recorded(scope, () => true), send: recorded(scope, (...a: unknown[]) => callbackLast(a, null)),
    disconnect() {},
  });
  process.nextTick(() => {
    child.exitCode = 0;
    child.emit('spawn');
    child.emit('exit', 0, null);
    child.emit('close', 0, null);
  });
  return child;
}

function mockChildProcess(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const withOutput = (...args: unknown[]) => {
    const child = fakeChild(scope);
    callbackLast(args, null, '', '');
    return child;
  };
  const syncOutput = (opts: unknown) => (encodingOf(opts) && encodingOf(opts) !== 'buffer' ? '' : Buffer.alloc(0));
  const ChildProcess = class FakeChildProcess extends EventEmitter {
    constructor() {
      super();
      return fakeChild(scope);
    }
  };
  return {
    ...inert(real),
    ChildProcess,
    exec: recorded(scope, withOutput),
    execFile: recorded(scope, withOutput),
    spawn: recorded(scope, () => fakeChild(scope)),
    fork: recorded(scope, () => fakeChild(scope)),
    execSync: recorded(scope, (_cmd: unknown, opts?: unknown) => syncOutput(opts)),
    execFileSync: recorded(scope, (_f: unknown, a?: unknown, opts?: unknown) => syncOutput(Array.isArray(a) ? opts : a)),
    spawnSync: recorded(scope, (_c: unknown, a?: unknown, opts?: unknown) => {
      const out = syncOutput(Array.isArray(a) ? opts : a);
      return { pid: 4242, status: 0, signal: null, stdout: out, stderr: out, output: [null, out, out] };
    }),
  };
}

function mockWorkerThreads(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  const Worker = class FakeWorker extends FakeHandle {
    threadId = 1;
    constructor() {
      super(scope, ['online']);
      scope.counter.hit(scope.module);
    }
    postMessage(): void {
      scope.counter.hit(scope.module);
    }
    terminate(): Promise<number> {
      scope.counter.hit(scope.module);
      process.nextTick(() => this.emit('exit', 0));
      return Promise.resolve(0);
    }
  };
  return { ...inert(real, PURE.worker_threads), Worker };
}

function mockCluster(real: Record<string, unknown>, scope: MockScope): Record<string, unknown> {
  // cluster is itself an emitter; a mocked one is the primary with no workers.
  const cluster = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(cluster, inert(real), {
    isPrimary: true, isMaster: true, isWorker: false, workers: {}, settings: {},
    fork: recorded(scope, () => fakeChild(scope)),
    setupPrimary: recorded(scope, () => undefined),
    setupMaster: recorded(scope, () => undefined),
    disconnect: recorded(scope, (...a: unknown[]) => callbackLast(a)),
  });
  return cluster;
}

/** Builders of the mocked built-in modules, by name without `node:`. */
export const BUILTIN_MOCKS: Record<string, (real: Record<string, unknown>, scope: MockScope) => unknown> = {
  fs: mockFs,
  'fs/promises': mockFsPromises,
  net: mockNetLike,
  tls: mockNetLike,
  http: mockHttp,
  https: mockHttp,
  http2: mockHttp2,
  dns: mockDns,
  'dns/promises': (real, scope) => (mockDns({ ...inert(require('node:dns') as Record<string, unknown>, PURE.dns), promises: real }, scope) as Record<string, unknown>).promises,
  dgram: mockDgram,
  child_process: mockChildProcess,
  worker_threads: mockWorkerThreads,
  cluster: mockCluster,
};

/** A fetch that never leaves the process: a 200 JSON Response, counted under `module`. */
export function mockFetch(counter: CallCounter, module = 'fetch'): typeof fetch {
  const scope = { module, counter };
  // The body is shaped like the response type the code declares (answers.ts), `{}` when it declares none.
  return recorded(scope, async () => new Response(JSON.stringify(httpData(module)), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
}
