// Recording mocks of common network and database clients (axios, node-fetch, undici, pg, mysql2, Prisma (prisma.ts),
// better-sqlite3, mongodb, ioredis, redis, @aws-sdk/*, openai), answering like the real ones (answers.ts). The real packages are never loaded, so they need
// not be installed in the sandbox; what we do not model by hand falls back to a deep mock.

import { prismaMock } from './prisma';
import { CallCounter, MockScope, callbackLast, deepMock, recorded } from './record';
import { mockFetch } from './builtins';
import { httpData, sqlRows } from './answers';

type Mod = Record<string, unknown>;

function axiosMock(scope: MockScope): unknown {
  // The body is shaped like the response type the code declares (answers.ts), `{}` when it declares none.
  const respond = (config: unknown) => Promise.resolve({ data: httpData('axios'), status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, config: config ?? {}, request: {} });
  const make = (): Mod => {
    const instance = recorded(scope, (config?: unknown) => respond(config)) as unknown as Mod;
    for (const m of ['request', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']) {
      instance[m] = recorded(scope, (url?: unknown, ...rest: unknown[]) => respond({ url, method: m, data: rest[0] }));
    }
    const interceptors = { use: () => 0, eject: () => {}, clear: () => {} };
    instance.interceptors = { request: { ...interceptors }, response: { ...interceptors } };
    instance.defaults = { headers: { common: {} } };
    instance.create = () => make();
    instance.isAxiosError = () => false;
    instance.isCancel = () => false;
    instance.default = instance;
    return instance;
  };
  return make();
}

function nodeFetchMock(counter: CallCounter): unknown {
  const f = mockFetch(counter, 'node-fetch') as unknown as Mod;
  Object.assign(f, { default: f, Response, Headers, Request, FetchError: Error, AbortError: Error, isRedirect: () => false });
  return f;
}

function undiciMock(scope: MockScope, counter: CallCounter): unknown {
  const body = () => {
    const data = httpData('undici');
    return { json: async () => data, text: async () => JSON.stringify(data), arrayBuffer: async () => new ArrayBuffer(2), dump: async () => {} };
  };
  const request = recorded(scope, async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, trailers: {}, body: body() }));
  return deepMock(scope, {
    request,
    fetch: mockFetch(counter, 'undici'),
    Response, Headers, Request, FormData,
    setGlobalDispatcher: () => {}, getGlobalDispatcher: () => deepMock(scope),
  });
}

function pgMock(scope: MockScope): unknown {
  // Rows shaped by the query's declared row type; a lookup by id finds its row about half the time (answers.ts).
  const result = (args: unknown[]) => {
    const values = Array.isArray(args[1]) ? args[1] : ((args[0] as { values?: unknown[] })?.values ?? []);
    return { ...sqlRows('pg', args[0], values), fields: [] };
  };
  const query = recorded(scope, (...args: unknown[]) => (callbackLast(args, null, result(args)) ? undefined : Promise.resolve(result(args))));
  const end = recorded(scope, (...args: unknown[]) => (callbackLast(args, null) ? undefined : Promise.resolve()));
  class Client {
    query = query;
    end = end;
    release = () => {};
    on(): this {
      return this;
    }
    connect(...args: unknown[]): Promise<this> | undefined {
      scope.counter.hit(scope.module);
      return callbackLast(args, null, this, () => {}) ? undefined : Promise.resolve(this);
    }
  }
  class Pool extends Client {
    totalCount = 0;
    idleCount = 0;
    waitingCount = 0;
    override connect(...args: unknown[]): Promise<this> | undefined {
      return super.connect(...args);
    }
  }
  return { Client, Pool, types: { setTypeParser: () => {}, getTypeParser: () => (v: unknown) => v }, default: { Client, Pool } };
}

function mysql2Mock(scope: MockScope, promiseApi: boolean): unknown {
  // SELECT gives [rows, fields]; a write gives [ResultSetHeader, undefined], as mysql2 does.
  const answer = (args: unknown[]): [unknown, unknown] => {
    const r = sqlRows('mysql2', args[0], Array.isArray(args[1]) ? args[1] : []);
    return r.command === 'SELECT' || r.command === 'WITH' ? [r.rows, []] : [{ affectedRows: r.rowCount, insertId: r.rowCount ? 1 : 0, warningStatus: 0 }, undefined];
  };
  const conn = (usePromises: boolean): Mod => {
    const call = recorded(scope, (...args: unknown[]) => {
      if (usePromises) return Promise.resolve(answer(args));
      callbackLast(args, null, ...answer(args));
      return undefined;
    });
    const c: Mod = {
      query: call, execute: call,
      end: recorded(scope, (...a: unknown[]) => (usePromises ? Promise.resolve() : void callbackLast(a, null))),
      getConnection: recorded(scope, (...a: unknown[]) => (usePromises ? Promise.resolve(conn(true)) : void callbackLast(a, null, conn(false)))),
      release: () => {}, on: () => c, beginTransaction: call, commit: call, rollback: call,
    };
    c.promise = () => conn(true);
    return c;
  };
  const create = recorded(scope, () => (promiseApi ? Promise.resolve(conn(true)) : conn(false)));
  const pool = recorded(scope, () => conn(promiseApi));
  return { createConnection: create, createPool: pool, createPoolCluster: pool, format: (s: string) => s, escape: (v: unknown) => JSON.stringify(v) };
}

function mongodbMock(scope: MockScope): unknown {
  const cursor = (): Record<PropertyKey, unknown> => {
    const c: Record<PropertyKey, unknown> = {};
    for (const m of ['limit', 'skip', 'sort', 'project', 'filter', 'batchSize', 'hint', 'map']) c[m] = () => c;
    c.toArray = recorded(scope, () => Promise.resolve([]));
    c.next = recorded(scope, () => Promise.resolve(null));
    c.hasNext = recorded(scope, () => Promise.resolve(false));
    c.close = () => Promise.resolve();
    c[Symbol.asyncIterator] = async function* () {};
    return c;
  };
  const collection = (): Mod => ({
    find: recorded(scope, () => cursor()),
    aggregate: recorded(scope, () => cursor()),
    findOne: recorded(scope, () => Promise.resolve(null)),
    insertOne: recorded(scope, () => Promise.resolve({ acknowledged: true, insertedId: 'mockid' })),
    insertMany: recorded(scope, (docs: unknown[]) => Promise.resolve({ acknowledged: true, insertedCount: docs?.length ?? 0, insertedIds: {} })),
    updateOne: recorded(scope, () => Promise.resolve({ acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0 })),
    updateMany: recorded(scope, () => Promise.resolve({ acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0 })),
    deleteOne: recorded(scope, () => Promise.resolve({ acknowledged: true, deletedCount: 0 })),
    deleteMany: recorded(scope, () => Promise.resolve({ acknowledged: true, deletedCount: 0 })),
    countDocuments: recorded(scope, () => Promise.resolve(0)),
    createIndex: recorded(scope, () => Promise.resolve('mock_1')),
    bulkWrite: recorded(scope, () => Promise.resolve({ ok: 1 })),
  });
  const db = (): Mod => ({ collection: recorded(scope, () => collection()), command: recorded(scope, () => Promise.resolve({ ok: 1 })), listCollections: () => cursor() });
  class MongoClient {
    static connect(): Promise<MongoClient> {
      scope.counter.hit(scope.module);
      return Promise.resolve(new MongoClient());
    }
    connect(): Promise<this> {
      scope.counter.hit(scope.module);
      return Promise.resolve(this);
    }
    db = recorded(scope, () => db());
    close = recorded(scope, () => Promise.resolve());
  }
  let next = 0;
  class ObjectId {
    private readonly hex = (Date.now().toString(16) + (next++).toString(16).padStart(8, '0')).padEnd(24, '0').slice(0, 24);
    toHexString(): string {
      return this.hex;
    }
    toString(): string {
      return this.hex;
    }
  }
  return { MongoClient, ObjectId, default: { MongoClient, ObjectId } };
}

/** better-sqlite3: `prepare(sql)` gives a statement whose get/all/run answer like the real one, synchronously. */
function betterSqliteMock(scope: MockScope): unknown {
  const statement = (sql: unknown): Mod => {
    const st: Mod = {
      get: recorded(scope, (...values: unknown[]) => sqlRows('better-sqlite3', sql, values.flat()).rows[0]),
      all: recorded(scope, (...values: unknown[]) => sqlRows('better-sqlite3', sql, values.flat()).rows),
      iterate: recorded(scope, (...values: unknown[]) => sqlRows('better-sqlite3', sql, values.flat()).rows[Symbol.iterator]()),
      run: recorded(scope, (...values: unknown[]) => ({ changes: sqlRows('better-sqlite3', sql, values.flat()).rowCount, lastInsertRowid: 1 })),
      pluck: () => st, expand: () => st, raw: () => st, safeIntegers: () => st, bind: () => st,
      columns: () => [], reader: true, source: String(sql),
    };
    return st;
  };
  class Database {
    open = true;
    inTransaction = false;
    constructor(readonly name = ':memory:') {
      scope.counter.hit(scope.module);
    }
    prepare = recorded(scope, (sql: unknown) => statement(sql));
    exec = recorded(scope, () => this);
    pragma = recorded(scope, () => []);
    transaction = (fn: (...a: unknown[]) => unknown) => Object.assign((...a: unknown[]) => fn(...a), { deferred: fn, immediate: fn, exclusive: fn });
    close = recorded(scope, () => this);
    function = (): this => this;
    aggregate = (): this => this;
  }
  return Object.assign(Database, { default: Database });
}

/** Redis command replies: enough for caches (get → null on a miss) and counters. */
function redisReply(command: string): unknown {
  const c = command.toLowerCase();
  if (c === 'set' || c === 'mset' || c === 'quit' || c === 'flushall' || c === 'flushdb' || c === 'hmset') return 'OK';
  if (c === 'ping') return 'PONG';
  if (c === 'incr' || c === 'incrby' || c === 'decr' || c === 'sadd' || c === 'lpush' || c === 'rpush' || c === 'hset') return 1;
  if (c === 'del' || c === 'exists' || c === 'expire' || c === 'ttl' || c === 'llen' || c === 'scard' || c === 'publish') return 0;
  if (c === 'keys' || c === 'lrange' || c === 'smembers' || c === 'mget' || c === 'zrange') return [];
  if (c === 'hgetall') return {};
  return null;
}

/**
 * The commands a cache and a counter use, on a real in-memory store shared by the run's clients: a get
 * after a set hits, incr counts, del removes. Other commands answer with redisReply().
 */
function redisStore(): Record<string, (...a: unknown[]) => unknown> {
  const kv = new Map<string, unknown>();
  const hash = (k: unknown): Map<string, unknown> => {
    let h = kv.get(String(k));
    if (!(h instanceof Map)) kv.set(String(k), (h = new Map()));
    return h as Map<string, unknown>;
  };
  const list = (k: unknown): unknown[] => {
    let l = kv.get(String(k));
    if (!Array.isArray(l)) kv.set(String(k), (l = []));
    return l as unknown[];
  };
  const str = (v: unknown): string | null => (v === undefined ? null : typeof v === 'string' ? v : String(v));
  const incrBy = (k: unknown, by: number): number => {
    const next = Number(kv.get(String(k)) ?? 0) + by;
    kv.set(String(k), String(next));
    return next;
  };
  return {
    get: (k) => str(kv.get(String(k))),
    set: (k, v) => (kv.set(String(k), String(v)), 'OK'),
    setex: (k, _ttl, v) => (kv.set(String(k), String(v)), 'OK'),
    setEx: (k, _ttl, v) => (kv.set(String(k), String(v)), 'OK'),
    getdel: (k) => {
      const v = str(kv.get(String(k)));
      kv.delete(String(k));
      return v;
    },
    mget: (...ks) => ks.flat().map((k) => str(kv.get(String(k)))),
    mGet: (ks) => (ks as unknown[]).map((k) => str(kv.get(String(k)))),
    del: (...ks) => ks.flat().filter((k) => kv.delete(String(k))).length,
    exists: (...ks) => ks.flat().filter((k) => kv.has(String(k))).length,
    incr: (k) => incrBy(k, 1),
    incrby: (k, by) => incrBy(k, Number(by)),
    incrBy: (k, by) => incrBy(k, Number(by)),
    decr: (k) => incrBy(k, -1),
    hset: (k, f, v) => (hash(k).set(String(f), String(v)), 1),
    hSet: (k, f, v) => (hash(k).set(String(f), String(v)), 1),
    hget: (k, f) => str(hash(k).get(String(f))),
    hGet: (k, f) => str(hash(k).get(String(f))),
    hgetall: (k) => Object.fromEntries(hash(k)),
    hGetAll: (k) => Object.fromEntries(hash(k)),
    lpush: (k, ...vs) => list(k).unshift(...vs.flat()),
    rpush: (k, ...vs) => list(k).push(...vs.flat()),
    lrange: (k, a, b) => list(k).slice(Number(a), Number(b) === -1 ? undefined : Number(b) + 1),
    llen: (k) => list(k).length,
    sadd: (k, ...vs) => {
      const l = list(k);
      const add = vs.flat().filter((v) => !l.includes(v));
      l.push(...add);
      return add.length;
    },
    smembers: (k) => [...list(k)],
    flushall: () => (kv.clear(), 'OK'),
  };
}

/** A Redis client: stored commands answer from the run's store, every other property is a command answering with redisReply(). */
function redisClient(scope: MockScope, store: Record<string, (...a: unknown[]) => unknown>): unknown {
  const own: Mod = {
    status: 'ready', isOpen: true, isReady: true,
    connect: recorded(scope, () => Promise.resolve(client)),
    disconnect: recorded(scope, () => Promise.resolve()),
    duplicate: () => redisClient(scope, store),
    on: () => client, once: () => client, off: () => client,
    pipeline: () => batch(), multi: () => batch(),
  };
  const batch = (): unknown => {
    const queued: string[] = [];
    const b: unknown = new Proxy({}, {
      get: (_t, key) => (key === 'exec' ? recorded(scope, () => Promise.resolve(queued.map((c) => [null, redisReply(c)]))) : typeof key === 'string' ? () => (queued.push(key), b) : undefined),
    });
    return b;
  };
  const client: unknown = new Proxy(own, {
    get(target, key) {
      if (key in target) return target[key as string];
      if (typeof key !== 'string' || key === 'then') return undefined;
      const command = store[key];
      const reply = (args: unknown[]): unknown => (command ? command(...args.filter((a) => typeof a !== 'function')) : redisReply(key));
      return recorded(scope, (...args: unknown[]) => {
        const value = reply(args);
        return callbackLast(args, null, value) ? true : Promise.resolve(value);
      });
    },
  });
  return client;
}

function ioredisMock(scope: MockScope): unknown {
  const store = redisStore();
  const Redis = function Redis() {
    scope.counter.hit(scope.module);
    return redisClient(scope, store);
  } as unknown as Mod;
  Redis.default = Redis;
  Redis.Redis = Redis;
  Redis.Cluster = Redis;
  return Redis;
}

function redisMock(scope: MockScope): unknown {
  const store = redisStore();
  return { createClient: recorded(scope, () => redisClient(scope, store)), createCluster: recorded(scope, () => redisClient(scope, store)) };
}

/** @aws-sdk/*: `XxxClient` classes whose send() resolves with metadata, `XxxCommand` classes that keep their input. */
function awsMock(scope: MockScope): unknown {
  const clients = new Map<string, unknown>();
  return new Proxy({} as Mod, {
    get(_t, key) {
      if (typeof key !== 'string' || key === 'then') return undefined;
      if (key === '__esModule') return true;
      if (!clients.has(key)) {
        if (key.endsWith('Client')) {
          clients.set(key, class {
            config = {};
            static from = (c: unknown) => c;
            send = recorded(scope, () => Promise.resolve({ $metadata: { httpStatusCode: 200, requestId: 'mock' }, Items: [], Contents: [], Body: { transformToString: async () => '{}' } }));
            destroy(): void {}
          });
        } else if (key.endsWith('Command')) {
          clients.set(key, class {
            constructor(readonly input: unknown) {}
          });
        } else {
          clients.set(key, deepMock(scope));
        }
      }
      return clients.get(key);
    },
  });
}

function openaiMock(scope: MockScope): unknown {
  const completion = () => ({
    id: 'chatcmpl-mock', object: 'chat.completion', created: 0, model: 'mock',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '{}' } }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  });
  class OpenAI {
    chat = { completions: { create: recorded(scope, () => Promise.resolve(completion())) } };
    completions = { create: recorded(scope, () => Promise.resolve({ choices: [{ text: '' }] })) };
    responses = { create: recorded(scope, () => Promise.resolve({ id: 'resp-mock', output_text: '{}', output: [] })) };
    embeddings = { create: recorded(scope, () => Promise.resolve({ data: [{ index: 0, embedding: new Array(8).fill(0) }], usage: {} })) };
    models = { list: recorded(scope, () => Promise.resolve({ data: [] })) };
  }
  return { __esModule: true, default: OpenAI, OpenAI, AzureOpenAI: OpenAI };
}

/**
 * The package mock for a bare specifier, or undefined when the package is not one we mock.
 * `module` is the name calls are counted under (the package, or the full @aws-sdk/ name).
 */
export function clientMockFor(specifier: string, counter: CallCounter): { module: string; exports: unknown } | undefined {
  if (specifier === '@prisma/client') return { module: specifier, exports: prismaMock({ module: specifier, counter }) };
  if (specifier.startsWith('@aws-sdk/')) {
    const module = specifier.split('/').slice(0, 2).join('/');
    return { module, exports: awsMock({ module, counter }) };
  }
  const pkg = specifier.split('/')[0];
  const scope = { module: pkg, counter };
  switch (pkg) {
    case 'axios':
      return { module: pkg, exports: axiosMock(scope) };
    case 'node-fetch':
      return { module: pkg, exports: nodeFetchMock(counter) };
    case 'undici':
      return { module: pkg, exports: undiciMock(scope, counter) };
    case 'pg':
      return { module: pkg, exports: pgMock(scope) };
    case 'mysql2':
      return { module: pkg, exports: mysql2Mock(scope, specifier === 'mysql2/promise') };
    case 'better-sqlite3':
      return { module: pkg, exports: betterSqliteMock(scope) };
    case 'mongodb':
      return { module: pkg, exports: mongodbMock(scope) };
    case 'ioredis':
      return { module: pkg, exports: ioredisMock(scope) };
    case 'redis':
      return { module: pkg, exports: redisMock(scope) };
    case 'openai':
      return { module: pkg, exports: openaiMock(scope) };
    default:
      return undefined;
  }
}
