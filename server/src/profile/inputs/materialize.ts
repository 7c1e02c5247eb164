// Turns an InputRecipe into real argument lists inside the sandbox child: a seeded, size-aware pool.
// Deliberately dependency-free (no fast-check, no typescript): it is bundled into the small child.

import type { InputRecipe, ValueRecipe, FieldRecipe, BytesCtor } from './recipe';
import { generateFormat } from './formats';

/** Options of one materialization. */
export interface MaterializeOptions {
  /** The size n: every sized collection or string gets n items (nested ones a small size). */
  size: number;
  /** Same seed, same recipe, same size → the same pool. */
  seed: number;
  /** How many argument lists to make; the harness rotates through them so no single input gets cached. */
  count: number;
  /** The user module's top-level values named in `recipe.bindings` (classes, objects). */
  bindings: Record<string, unknown>;
  /** Which entries to make (each index gives the same values whatever else is made); default 0 … count-1. */
  indices?: number[];
}

/** A pool of `count` argument lists, and one receiver (`this`) per list (undefined when there is none). */
export interface MaterializedPool {
  args: unknown[][];
  receivers: unknown[];
}

/** Raised when a recipe cannot be built in the child; the message names what to fix. */
export class MaterializeError extends Error {
  override name = 'MaterializeError';
}

/**
 * Builds `count` varied argument lists at size `size`, deterministic for `seed`.
 * Throws MaterializeError when a binding the recipe needs is missing or a user expression fails.
 */
export function materialize(recipe: InputRecipe, opts: MaterializeOptions): MaterializedPool {
  const size = Math.max(0, Math.floor(opts.size));
  const indices = opts.indices?.length ? opts.indices : Array.from({ length: Math.max(1, Math.floor(opts.count)) }, (_, k) => k);
  const args: unknown[][] = [];
  const receivers: unknown[] = [];
  for (const i of indices) {
    const rand = prng(mixSeed(opts.seed, i, size));
    const ctx: Ctx = { rand, n: size, i, nested: false, bindings: opts.bindings, warmKeys: [] };
    // The receiver first (a warmed one records its keys), then the arguments; drawn values (`pick`) last:
    // they need the collection they are drawn from.
    const receiver = recipe.receiver ? gen(recipe.receiver, ctx) : undefined;
    const list = recipe.params.map((p) => (p.kind === 'pick' ? undefined : gen(p, ctx)));
    recipe.params.forEach((p, k) => {
      if (p.kind === 'pick') list[k] = pickFrom(p.from < 0 ? ctx.warmKeys : list[p.from], p.fallback, ctx, p.field);
    });
    if (recipe.restLast && list.length > 0) {
      const rest = list.pop();
      if (Array.isArray(rest)) list.push(...rest);
    }
    args.push(list);
    receivers.push(receiver);
  }
  return { args, receivers };
}

interface Ctx {
  rand: () => number;
  n: number;
  /** Pool index: `cycle` recipes and user expressions see it. */
  i: number;
  /** Inside a collection that already has size n: inner collections stay small. */
  nested: boolean;
  bindings: Record<string, unknown>;
  /** First arguments of the calls that warmed the receiver (keys a reader can look up). */
  warmKeys: unknown[];
}

// sfc32 seeded through splitmix32: a few lines, fast, and good enough to vary inputs (not for crypto).
function prng(seed: number): () => number {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function mixSeed(seed: number, i: number, size: number): number {
  let h = (seed | 0) ^ 0x2545f491;
  h = Math.imul(h ^ i, 0x01000193);
  h = Math.imul(h ^ size, 0x01000193);
  return h >>> 0;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const REGEXPS: Array<[string, string]> = [
  ['a+b', 'g'],
  ['\\d+', ''],
  ['^[a-z]+$', 'i'],
  ['(\\w)\\1', ''],
];

function int(ctx: Ctx, lo: number, hi: number): number {
  return lo + Math.floor(ctx.rand() * (hi - lo + 1));
}

function letters(ctx: Ctx, len: number): string {
  let s = '';
  for (let k = 0; k < len; k++) s += LETTERS[Math.floor(ctx.rand() * 26)];
  return s;
}

/** Size of a collection: n at the outermost sized level, 1–4 inside it (never more than n). */
function sizeOf(ctx: Ctx, sized: boolean): number {
  if (sized && !ctx.nested) return ctx.n;
  return Math.min(int(ctx, 1, 4), Math.max(ctx.n, 1));
}

function inner(ctx: Ctx, sized: boolean): Ctx {
  return sized && !ctx.nested ? { ...ctx, nested: true } : ctx;
}

function gen(r: ValueRecipe, ctx: Ctx): unknown {
  switch (r.kind) {
    case 'literal':
      // Copy objects so a function that mutates its input does not change later pool entries.
      return r.value !== null && typeof r.value === 'object' ? structuredClone(r.value) : r.value;
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'number': {
      if (r.sized && !ctx.nested) return ctx.n;
      const lo = r.min ?? 0;
      const hi = r.max ?? (r.sized ? 16 : 1000);
      if (r.integer === false) return lo + ctx.rand() * (hi - lo);
      return int(ctx, Math.ceil(lo), Math.floor(hi));
    }
    case 'bigint':
      return r.sized && !ctx.nested ? BigInt(ctx.n) : BigInt(int(ctx, 0, 1_000_000)) * 1_000_003n;
    case 'boolean':
      return ctx.rand() < 0.5;
    case 'string':
      return letters(ctx, r.sized && !ctx.nested ? ctx.n : int(ctx, 1, 8));
    case 'symbol':
      return Symbol(letters(ctx, 4));
    case 'union':
      return r.options.length === 0 ? undefined : gen(r.options[int(ctx, 0, r.options.length - 1)], ctx);
    case 'oneOf':
      return r.values.length === 0 ? undefined : r.values[int(ctx, 0, r.values.length - 1)];
    case 'cycle':
      return r.options.length === 0 ? undefined : gen(r.options[ctx.i % r.options.length], ctx);
    case 'array': {
      const len = sizeOf(ctx, r.sized);
      const c = inner(ctx, r.sized);
      const out = new Array<unknown>(len);
      for (let k = 0; k < len; k++) out[k] = gen(r.element, c);
      if (r.sorted) out.sort(out.every((x) => typeof x === 'number') ? (x, y) => (x as number) - (y as number) : undefined);
      return out;
    }
    case 'tuple': {
      const out = r.elements.map((e) => gen(e, ctx));
      if (r.rest) {
        const len = sizeOf(ctx, true);
        const c = inner(ctx, true);
        for (let k = 0; k < len; k++) out.push(gen(r.rest, c));
      }
      return out;
    }
    case 'object':
      return genObject(r.fields, ctx);
    case 'record': {
      const out: Record<string, unknown> = {};
      const c = inner(ctx, r.sized);
      for (const key of keys(r.key, sizeOf(ctx, r.sized), ctx)) out[String(key)] = gen(r.value, c);
      return out;
    }
    case 'map': {
      const c = inner(ctx, r.sized);
      const out = new Map<unknown, unknown>();
      for (const key of keys(r.key, sizeOf(ctx, r.sized), ctx)) out.set(key, gen(r.value, c));
      return out;
    }
    case 'set':
      return new Set(keys(r.element, sizeOf(ctx, r.sized), inner(ctx, r.sized)));
    case 'date':
      return new Date(Date.UTC(2020, 0, 1) + Math.floor(ctx.rand() * 5 * 365 * 86_400_000));
    case 'regexp': {
      const [src, flags] = REGEXPS[int(ctx, 0, REGEXPS.length - 1)];
      return new RegExp(src, flags);
    }
    case 'bytes':
      return genBytes(r.ctor, sizeOf(ctx, r.sized), ctx);
    case 'instance':
      return genInstance(r, ctx);
    case 'binding':
      if (!(r.name in ctx.bindings)) {
        throw new MaterializeError(`the module does not expose '${r.name}', needed as the receiver; export it or give a receiver in @perflens`);
      }
      return ctx.bindings[r.name];
    case 'function': {
      if (r.fluent) return function (this: unknown) {
        return this;
      };
      if (r.derive) return derived(r.derive);
      if (r.passThrough) return r.async ? (x: unknown) => Promise.resolve(x) : (x: unknown) => x;
      // Made once: the stub must cost next to nothing, or it would be what we time.
      const value = r.returns ? gen(r.returns, { ...ctx, nested: true }) : undefined;
      return r.async ? () => Promise.resolve(value) : () => value;
    }
    case 'promise': {
      const value = gen(r.of, ctx);
      return Promise.resolve(value);
    }
    case 'format': {
      const v = generateFormat(r.format, { rand: ctx.rand, n: ctx.n, nested: ctx.nested || !r.sized });
      return r.asString ? String(v) : v;
    }
    case 'pick':
      // Only top-level parameters can draw from another one (materialize handles those); elsewhere the fallback.
      return gen(r.fallback, ctx);
    case 'repeat': {
      const len = Math.max(sizeOf(ctx, true), Math.min(ctx.nested ? 4 : ctx.n, r.items.length));
      const out = new Array<unknown>(len);
      for (let k = 0; k < len; k++) {
        const v = r.items[k % r.items.length];
        out[k] = v !== null && typeof v === 'object' ? structuredClone(v) : v;
      }
      if (r.sorted) out.sort(typeof r.items[0] === 'number' ? (x, y) => (x as number) - (y as number) : undefined);
      return out;
    }
    case 'concat':
      return r.parts.map((part) => String(gen(part, { ...ctx, nested: true }))).join('');
    case 'expr':
      return evalExpr(r.source, ctx);
  }
}

/** A small, cheap, stable hash of a value: its number, a string's length and first char, an object's first field. */
function cheapHash(x: unknown, depth = 0): number {
  if (typeof x === 'number') return Number.isFinite(x) ? Math.abs(Math.trunc(x)) : 0;
  if (typeof x === 'string') return x.length * 31 + (x.charCodeAt(0) | 0);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x !== null && typeof x === 'object' && depth < 2) {
    for (const k in x) return cheapHash((x as Record<string, unknown>)[k], depth + 1);
  }
  return 0;
}

function derived(kind: NonNullable<Extract<ValueRecipe, { kind: 'function' }>['derive']>): (...a: unknown[]) => unknown {
  switch (kind) {
    case 'key-string':
      return (x) => `group${cheapHash(x) % 8}`;
    case 'key-number':
      return (x) => cheapHash(x) % 8;
    case 'predicate':
      return (x) => cheapHash(x) % 2 === 0;
    case 'compare':
      return (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : cheapHash(a) - cheapHash(b));
    case 'equals':
      return (a, b) => a === b || (typeof a === 'object' && typeof b === 'object' && cheapHash(a) === cheapHash(b));
  }
}

/** An element, key or substring of `from` about half the time (so a search both hits and misses), else a fresh value. */
function pickFrom(from: unknown, fallback: ValueRecipe, ctx: Ctx, field?: string): unknown {
  const hit = ctx.rand() < 0.5;
  let pool: unknown[] | undefined;
  if (Array.isArray(from)) pool = from;
  else if (from instanceof Set) pool = [...from];
  else if (from instanceof Map) pool = [...from.keys()];
  else if (typeof from === 'string' && from.length > 0) {
    if (!hit) return gen(fallback, ctx);
    const len = Math.min(from.length, int(ctx, 1, 5));
    const at = int(ctx, 0, from.length - len);
    return from.slice(at, at + len);
  } else if (from !== null && typeof from === 'object') pool = Object.keys(from);
  if (!hit || !pool || pool.length === 0) return gen(fallback, ctx);
  const chosen = pool[int(ctx, 0, pool.length - 1)];
  return field !== undefined ? (chosen as Record<string, unknown> | null)?.[field] : chosen;
}

function genObject(fields: FieldRecipe[], ctx: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.optional && ctx.rand() < 0.25) continue;
    out[f.name] = gen(f.value, ctx);
  }
  return out;
}

/**
 * `count` distinct keys (Set elements, Map and Record keys). Literal key sets are used whole;
 * generated keys are made unique with the index, so a sized collection really has n entries.
 */
function keys(r: ValueRecipe, count: number, ctx: Ctx): unknown[] {
  if (r.kind === 'oneOf') return r.values.slice(0, count);
  if (r.kind === 'literal') return [r.value];
  const out: unknown[] = [];
  const seen = new Set<unknown>();
  for (let k = 0; k < count; k++) {
    let v = gen(r, ctx);
    if (seen.has(v)) {
      if (typeof v === 'string') v = `${v}${k}`;
      else if (typeof v === 'number') v = k + 1_000_000;
      else if (typeof v === 'bigint') v = BigInt(k) + 1_000_000_000n;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

function genBytes(ctor: BytesCtor, len: number, ctx: Ctx): unknown {
  if (ctor === 'ArrayBuffer') {
    const u = new Uint8Array(len);
    for (let k = 0; k < len; k++) u[k] = int(ctx, 0, 255);
    return u.buffer;
  }
  if (ctor === 'Buffer') {
    const b = Buffer.alloc(len);
    for (let k = 0; k < len; k++) b[k] = int(ctx, 0, 255);
    return b;
  }
  const C = globalThis[ctor] as unknown as new (n: number) => { [k: number]: number };
  const out = new C(len);
  const float = ctor.startsWith('Float');
  for (let k = 0; k < len; k++) out[k] = float ? ctx.rand() * 1000 : int(ctx, 0, 100);
  return out;
}

function genInstance(r: Extract<ValueRecipe, { kind: 'instance' }>, ctx: Ctx): unknown {
  const C = ctx.bindings[r.binding];
  if (typeof C === 'function') {
    const args = r.args.map((a) => gen(a, ctx));
    try {
      const made = Reflect.construct(C, args) as Record<string, unknown>;
      if (r.warm) warm(made, r.warm, ctx);
      return made;
    } catch (e) {
      if (r.fallback) return gen(r.fallback, ctx);
      throw new MaterializeError(`new ${r.binding}(...) threw while building an input: ${(e as Error)?.message ?? e}; give an example with @perflens`);
    }
  }
  if (r.fallback) return gen(r.fallback, ctx);
  throw new MaterializeError(`class '${r.binding}' is not reachable from the module; export it or give an example with @perflens`);
}

/** Fills a fresh instance through its writer, n times (1–4 when nested), with distinct first arguments. */
function warm(instance: Record<string, unknown>, w: NonNullable<Extract<ValueRecipe, { kind: 'instance' }>['warm']>, ctx: Ctx): void {
  const write = instance[w.method];
  if (typeof write !== 'function') return;
  const count = ctx.nested ? int(ctx, 1, 4) : ctx.n;
  const inner = { ...ctx, nested: true };
  for (let k = 0; k < count; k++) {
    const args = w.args.map((a) => gen(a, inner));
    if (typeof args[0] === 'string') args[0] = `${args[0]}-${k}`;
    else if (typeof args[0] === 'number') args[0] = Number.isInteger(args[0]) ? args[0] * 1000 + k : args[0] + k;
    try {
      (write as (...a: unknown[]) => unknown).apply(instance, args);
    } catch {
      return; // a writer that refuses more (a full bounded queue) leaves the instance as filled so far
    }
    if (args.length > 0 && ctx.warmKeys.length < 1024) ctx.warmKeys.push(args[0]);
  }
}

const compiled = new Map<string, (n: number, rand: () => number, i: number, b: Record<string, unknown>) => unknown>();

// A user's example is JavaScript so it can build Maps, class instances or size-scaled arrays.
// `with` puts the module's bindings in scope by name; this only ever runs in the sandbox child.
function evalExpr(source: string, ctx: Ctx): unknown {
  let fn = compiled.get(source);
  if (!fn) {
    try {
      fn = new Function('n', 'rand', 'i', '__perflensBindings', `with (__perflensBindings) { return (${source}\n); }`) as typeof fn & {};
    } catch (e) {
      throw new MaterializeError(`the example \`${source}\` is not a JavaScript expression: ${(e as Error).message}`);
    }
    compiled.set(source, fn);
  }
  try {
    return fn(ctx.n, ctx.rand, ctx.i, ctx.bindings);
  } catch (e) {
    throw new MaterializeError(`the example \`${source}\` threw: ${(e as Error)?.message ?? e}`);
  }
}
