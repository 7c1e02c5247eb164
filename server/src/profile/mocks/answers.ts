// What the client mocks answer, beyond "nothing": rows shaped like the declared row type, a lookup by id
// that finds its row about half the time, INSERT … RETURNING that returns the row, HTTP bodies shaped
// like the declared response type, and answers the user scripted per module and method
// (.perflens/mocks.json or a @perflens-mock tag). The server plans the shapes (inputs/mockShapes.ts);
// the child installs them here before the user's bundle loads.

import { materialize } from '../inputs/materialize';
import type { ValueRecipe } from '../inputs/recipe';

/** Shapes and scripts for one run, planned by the server from the function's code and the user's files. */
export interface MockAnswers {
  /** Row shapes of SQL queries, by normalised SQL text, or of an ORM's model (`model`: Prisma's `user`); neither: any query of that module. */
  rows: Array<{ module: string; sql?: string; model?: string; row: ValueRecipe }>;
  /** Response bodies of HTTP calls (axios, fetch, undici), by module (`fetch` for the global). */
  http: Array<{ module: string; data: ValueRecipe }>;
  /** Scripted answers: module → method → a JavaScript expression with `args` (the call's arguments) and `call` (its number) in scope. */
  scripted: Record<string, Record<string, string>>;
}

const EMPTY: MockAnswers = { rows: [], http: [], scripted: {} };
let current: MockAnswers = EMPTY;
const pools = new Map<ValueRecipe, unknown[]>();

/** Installs the answers of this run (once, before the bundle loads). */
export function setAnswers(a: MockAnswers | undefined): void {
  current = a ?? EMPTY;
  pools.clear();
}

/** Collapses whitespace and case so `SELECT  *\n FROM x` matches `select * from x`. */
export function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().toLowerCase();
}

// A small seeded generator (mulberry32) for hit-or-miss decisions: dependency-free, repeatable per run.
let state = 0x2545f491;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Values of `recipe`, made once per run (a mock answer must cost next to nothing inside the timed call). */
function poolOf(recipe: ValueRecipe): unknown[] {
  let p = pools.get(recipe);
  if (!p) {
    try {
      p = materialize({ params: [recipe], bindings: [] }, { size: 4, seed: 0x5eed, count: 32, bindings: {} }).args.map((a) => a[0]);
    } catch {
      p = [{}];
    }
    pools.set(recipe, p);
  }
  return p;
}

/** A fresh shallow copy of one made value, so a caller that edits a row does not edit the next answer. */
function one(recipe: ValueRecipe, k: number): unknown {
  const p = poolOf(recipe);
  const v = p[k % p.length];
  return Array.isArray(v) ? [...v] : v !== null && typeof v === 'object' ? { ...(v as object) } : v;
}

const DEFAULT_ROW: ValueRecipe = {
  kind: 'object',
  fields: [
    { name: 'id', value: { kind: 'number', integer: true, min: 1, max: 1000 } },
    { name: 'name', value: { kind: 'format', format: 'personName' } },
    { name: 'email', value: { kind: 'format', format: 'email' } },
    { name: 'created_at', value: { kind: 'format', format: 'isodate' } },
  ],
};

let rowCounter = 0;

/**
 * The rows a query returns: a lookup by key (`WHERE id = $1`) finds one row about half the time (with
 * the looked-up value as its id), a plain SELECT returns its LIMIT or 10 rows, INSERT/UPDATE/DELETE …
 * RETURNING returns one row, other writes none. Rows are shaped by the planned row type.
 */
export function sqlRows(module: string, sql: unknown, values: unknown[]): { rows: unknown[]; command: string; rowCount: number } {
  const text = typeof sql === 'string' ? sql : typeof (sql as { text?: unknown })?.text === 'string' ? (sql as { text: string }).text : typeof (sql as { sql?: unknown })?.sql === 'string' ? (sql as { sql: string }).sql : '';
  const norm = normaliseSql(text);
  const command = (/^\s*(\w+)/.exec(norm)?.[1] ?? 'select').toUpperCase();
  const shape = current.rows.find((r) => r.module === module && r.sql !== undefined && r.sql === norm) ?? current.rows.find((r) => r.module === module && r.sql === undefined) ?? current.rows.find((r) => r.module === module);
  const recipe = shape?.row ?? DEFAULT_ROW;
  const make = (count: number): unknown[] => Array.from({ length: count }, () => one(recipe, rowCounter++));
  if (command === 'SELECT' || command === 'WITH') {
    const byKey = /\bwhere\b[^;]*?\b(id|uuid|key|slug|email)\b\s*=\s*(\$\d+|\?|:\w+|'[^']*'|\d+)/.exec(norm);
    if (byKey && !/\blimit\b/.test(norm.slice(byKey.index))) {
      if (rand() < 0.5) return { rows: [], command, rowCount: 0 };
      const row = make(1)[0] as Record<string, unknown>;
      const key = byKey[1];
      const placeholder = /^\$(\d+)$/.exec(byKey[2]);
      const looked = placeholder ? values[Number(placeholder[1]) - 1] : byKey[2] === '?' ? values[0] : undefined;
      if (looked !== undefined && row && typeof row === 'object' && key in row) row[key] = looked;
      return { rows: [row], command, rowCount: 1 };
    }
    const limit = /\blimit\s+(\$(\d+)|\?|(\d+))/.exec(norm);
    // `SELECT 1`, `SELECT now()`: no table, one row; a table without LIMIT: ten.
    const asked = limit ? Number(limit[3] ?? (limit[2] ? values[Number(limit[2]) - 1] : values[values.length - 1])) : /\bfrom\b/.test(norm) ? 10 : 1;
    const count = Number.isFinite(asked) ? Math.max(0, Math.min(100, Math.floor(asked))) : 10;
    const rows = make(count);
    return { rows, command, rowCount: rows.length };
  }
  if (/\breturning\b/.test(norm)) return { rows: make(1), command, rowCount: 1 };
  return { rows: [], command, rowCount: command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' ? 1 : 0 };
}

/**
 * What a Prisma model delegate answers (`prisma.user.findUnique(...)`), like the real client: a lookup
 * finds its row about half the time (with the looked-up fields set), `findMany` gives `take` rows (else
 * ten), writes give the written row with `data` merged in, the `*Many` writes and `count` give counts.
 */
export function prismaAnswer(model: string, method: string, arg: unknown): unknown {
  const shape = current.rows.find((r) => r.module === 'prisma' && r.model === model) ?? current.rows.find((r) => r.module === 'prisma' && r.model === undefined);
  const recipe = shape?.row ?? DEFAULT_ROW;
  const a = (arg ?? {}) as { where?: Record<string, unknown>; data?: unknown; create?: unknown; update?: unknown; take?: unknown };
  const row = (extra?: unknown): Record<string, unknown> => {
    const r = one(recipe, rowCounter++) as Record<string, unknown>;
    const scalars = (o: unknown) => Object.entries(o && typeof o === 'object' ? (o as object) : {}).filter(([, v]) => v === null || typeof v !== 'object' || v instanceof Date);
    for (const [k, v] of [...scalars(a.where), ...scalars(extra)]) r[k] = v;
    return r;
  };
  switch (method) {
    case 'findUnique':
    case 'findFirst':
      return rand() < 0.5 ? null : row();
    case 'findUniqueOrThrow':
    case 'findFirstOrThrow':
      return row();
    case 'findMany': {
      const take = typeof a.take === 'number' ? Math.abs(a.take) : 10;
      return Array.from({ length: Math.min(100, take) }, () => row());
    }
    case 'create':
    case 'update':
    case 'delete':
      return row(a.data);
    case 'upsert':
      return row(rand() < 0.5 ? a.create : a.update);
    case 'createMany':
    case 'updateMany':
    case 'deleteMany':
      return { count: Array.isArray(a.data) ? a.data.length : 1 };
    case 'createManyAndReturn':
      return (Array.isArray(a.data) ? a.data : [a.data]).map((d) => row(d));
    case 'count':
      return Math.floor(rand() * 100);
    case 'aggregate':
      return { _count: { _all: Math.floor(rand() * 100) } };
    case 'groupBy':
      return [];
    default:
      return undefined;
  }
}

/** The body of an HTTP answer: shaped like the planned response type, else `{}`. */
export function httpData(module: string): unknown {
  const shape = current.http.find((h) => h.module === module) ?? current.http[0];
  return shape ? one(shape.data, rowCounter++) : {};
}

type Fn = (...a: unknown[]) => unknown;
const compiled = new Map<string, (args: unknown[], call: number) => unknown>();

function scriptFor(module: string, method: string): ((args: unknown[], call: number) => unknown) | undefined {
  const source = current.scripted[module]?.[method];
  if (source === undefined) return undefined;
  let fn = compiled.get(source);
  if (!fn) {
    fn = new Function('args', 'call', `return (${source}\n);`) as (args: unknown[], call: number) => unknown;
    compiled.set(source, fn);
  }
  return fn;
}

const thenable = (v: unknown): boolean => v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';

/**
 * Wraps a module's mock so the methods the user scripted answer with the script's value: as a promise
 * when the mock's own method returns one, through a trailing callback when one is passed. Objects the
 * mock returns (clients, pools, connections) are wrapped too, so `new Pool().query` is reached.
 */
export function scripted<T>(specifier: string, mock: T): T {
  // `mysql2/promise` is scripted under its own name or its package's (`mysql2`); `@aws-sdk/client-s3` under its scope and name.
  const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  const module = current.scripted[specifier] ? specifier : pkg;
  const methods = current.scripted[module];
  if (!methods || Object.keys(methods).length === 0 || mock === null || (typeof mock !== 'object' && typeof mock !== 'function')) return mock;
  const wrapped = new WeakMap<object, unknown>();
  let calls = 0;
  const wrap = (v: unknown): unknown => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || thenable(v)) return v;
    const cached = wrapped.get(v as object);
    if (cached) return cached;
    const proxy = new Proxy(v as object, {
      get(t, key, recv) {
        const value = Reflect.get(t, key, recv) as unknown;
        if (typeof key === 'string' && typeof value === 'function' && key in methods) {
          const script = scriptFor(module, key)!;
          return function (this: unknown, ...args: unknown[]) {
            // A trailing callback gets the script's answer, not the mock's own.
            const last = args[args.length - 1];
            const callback = typeof last === 'function' ? (last as Fn) : undefined;
            const own = (value as Fn).apply(this === proxy ? t : this, callback ? [...args.slice(0, -1), () => {}] : args);
            const answer = script(args, ++calls);
            if (callback && !thenable(own)) {
              process.nextTick(() => callback(null, answer));
              return own;
            }
            return thenable(own) ? Promise.resolve(answer) : answer;
          };
        }
        return typeof value === 'function' && key !== 'constructor' ? wrapFn(value as Fn, t) : wrap(value);
      },
      construct: (t, args) => wrap(Reflect.construct(t as new (...a: unknown[]) => object, args)) as object,
      apply: (t, self, args) => wrap(Reflect.apply(t as Fn, self, args)),
    });
    wrapped.set(v as object, proxy);
    return proxy;
  };
  const wrapFn = (f: Fn, holder: object): unknown => {
    const cached = wrapped.get(f);
    if (cached) return cached;
    const w = new Proxy(f, {
      apply: (t, self, args) => wrap(Reflect.apply(t, self ?? holder, args)),
      construct: (t, args) => wrap(Reflect.construct(t as unknown as new (...a: unknown[]) => object, args)) as object,
    });
    wrapped.set(f, w);
    return w;
  };
  return wrap(mock) as T;
}
