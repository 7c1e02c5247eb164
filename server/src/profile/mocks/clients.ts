// Recording mocks of common network and database clients (axios, node-fetch, undici, pg, mysql2,
// mongodb, ioredis, redis, @aws-sdk/*, openai). The real packages are never loaded, so they need
// not be installed in the sandbox; what we do not model by hand falls back to a deep mock.

import { CallCounter, MockScope, callbackLast, deepMock, recorded } from './record';
import { mockFetch } from './builtins';

type Mod = Record<string, unknown>;

function axiosMock(scope: MockScope): unknown {
  const respond = (config: unknown) => Promise.resolve({ data: {}, status: 200, statusText: 'OK', headers: {}, config: config ?? {}, request: {} });
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
  const body = () => ({ json: async () => ({}), text: async () => '{}', arrayBuffer: async () => new ArrayBuffer(2), dump: async () => {} });
  const request = recorded(scope, async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, trailers: {}, body: body() }));
  return deepMock(scope, {
    request,
    fetch: mockFetch(counter, 'undici'),
    Response, Headers, Request, FormData,
    setGlobalDispatcher: () => {}, getGlobalDispatcher: () => deepMock(scope),
  });
}

function pgMock(scope: MockScope): unknown {
  const result = () => ({ rows: [], rowCount: 0, fields: [], command: 'SELECT' });
  const query = recorded(scope, (...args: unknown[]) => (callbackLast(args, null, result()) ? undefined : Promise.resolve(result())));
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
  const rows = (): [unknown[], unknown[]] => [[], []];
  const conn = (usePromises: boolean): Mod => {
    const call = recorded(scope, (...args: unknown[]) => {
      if (usePromises) return Promise.resolve(rows());
      callbackLast(args, null, ...rows());
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

/** A Redis client: every unknown property is a command answering with redisReply(), as a promise or via callback. */
function redisClient(scope: MockScope): unknown {
  const own: Mod = {
    status: 'ready', isOpen: true, isReady: true,
    connect: recorded(scope, () => Promise.resolve(client)),
    disconnect: recorded(scope, () => Promise.resolve()),
    duplicate: () => redisClient(scope),
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
      return recorded(scope, (...args: unknown[]) => (callbackLast(args, null, redisReply(key)) ? true : Promise.resolve(redisReply(key))));
    },
  });
  return client;
}

function ioredisMock(scope: MockScope): unknown {
  const Redis = function Redis() {
    scope.counter.hit(scope.module);
    return redisClient(scope);
  } as unknown as Mod;
  Redis.default = Redis;
  Redis.Redis = Redis;
  Redis.Cluster = Redis;
  return Redis;
}

function redisMock(scope: MockScope): unknown {
  return { createClient: recorded(scope, () => redisClient(scope)), createCluster: recorded(scope, () => redisClient(scope)) };
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
