// Fresh inputs for functions that mutate their arguments or receiver. The probe fingerprints each
// input before and after a call; when a call changed one, every timed call gets its own deep copy of a
// pristine input, made before the sample's clock starts (as mitata's computed parameters and
// tinybench's beforeEach do). Otherwise an in-place sort is timed on already-sorted arrays after its
// first pass and looks several times faster than a copy-then-sort.

import type { Pool } from './call';

const MAX_NODES = 200_000;

/**
 * A structural fingerprint of a value: equal fingerprints mean nothing reachable was changed in a
 * way the function could see (elements, fields, Map/Set entries, typed-array bytes, Date time).
 * Functions and symbols count by identity only. Bounded: past MAX_NODES nodes the rest is skipped.
 */
export function fingerprint(value: unknown): string {
  const parts: string[] = [];
  const seen = new Map<object, number>();
  let nodes = 0;
  const walk = (v: unknown): void => {
    if (++nodes > MAX_NODES) return;
    if (v === null || typeof v !== 'object') {
      parts.push(typeof v === 'string' ? JSON.stringify(v) : typeof v === 'function' ? 'fn' : typeof v === 'symbol' ? 'sym' : typeof v === 'bigint' ? `${v}n` : String(v));
      return;
    }
    const id = seen.get(v);
    if (id !== undefined) return void parts.push(`@${id}`);
    seen.set(v, seen.size);
    if (Array.isArray(v)) {
      parts.push(`[${v.length}`);
      for (const x of v) walk(x);
      parts.push(']');
    } else if (v instanceof Map) {
      parts.push(`M${v.size}`);
      for (const [k, x] of v) {
        walk(k);
        walk(x);
      }
    } else if (v instanceof Set) {
      parts.push(`S${v.size}`);
      for (const x of v) walk(x);
    } else if (v instanceof Date) {
      parts.push(`D${v.getTime()}`);
    } else if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      parts.push(`B${bytes.length}:${bytes.join(',')}`);
    } else if (v instanceof ArrayBuffer) {
      parts.push(`AB${new Uint8Array(v).join(',')}`);
    } else if (typeof (v as { then?: unknown }).then === 'function') {
      parts.push('P');
    } else {
      parts.push('{');
      for (const k of Object.keys(v)) {
        parts.push(k);
        walk((v as Record<string, unknown>)[k]);
      }
      parts.push('}');
    }
  };
  walk(value);
  return parts.join('|');
}

/**
 * A deep copy that keeps prototypes (class instances stay instances), shared references and cycles
 * (a linked list stays one list), and copies Map, Set, Date, typed arrays and buffers. Functions,
 * promises and other host objects are shared, not copied.
 */
export function cloneDeep<T>(value: T, memo = new Map<object, unknown>()): T {
  if (value === null || typeof value !== 'object') return value;
  const v = value as unknown as object;
  if (memo.has(v)) return memo.get(v) as T;
  let out: unknown;
  if (Array.isArray(v)) {
    const a = new Array<unknown>(v.length);
    memo.set(v, a);
    for (let k = 0; k < v.length; k++) a[k] = cloneDeep(v[k], memo);
    out = a;
  } else if (v instanceof Map) {
    const m = new Map();
    memo.set(v, m);
    for (const [k, x] of v) m.set(cloneDeep(k, memo), cloneDeep(x, memo));
    out = m;
  } else if (v instanceof Set) {
    const s = new Set();
    memo.set(v, s);
    for (const x of v) s.add(cloneDeep(x, memo));
    out = s;
  } else if (v instanceof Date) {
    out = new Date(v.getTime());
  } else if (Buffer.isBuffer(v)) {
    out = Buffer.from(v);
  } else if (ArrayBuffer.isView(v)) {
    out = (v as unknown as { slice(): unknown }).slice();
  } else if (v instanceof ArrayBuffer) {
    out = v.slice(0);
  } else if (typeof (v as { then?: unknown }).then === 'function' || v instanceof RegExp) {
    out = v;
  } else {
    const o = Object.create(Object.getPrototypeOf(v)) as Record<PropertyKey, unknown>;
    memo.set(v, o);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key)!;
      if ('value' in d) d.value = cloneDeep(d.value, memo);
      Object.defineProperty(o, key, d);
    }
    out = o;
  }
  memo.set(v, out);
  return out as T;
}

/** Copies of pool entries for `count` calls, cycling from `start`: one argument list and receiver each. */
export function freshCopies(pristine: Pool, start: number, count: number, len: number): Pool {
  const args = new Array<unknown[]>(len);
  const receivers = new Array<unknown>(len);
  const n = pristine.args.length;
  for (let k = 0; k < len; k++) {
    if (k >= count) {
      // Padding the sampler never reaches within `count` calls: no copy needed.
      args[k] = args[0];
      receivers[k] = receivers[0];
      continue;
    }
    const j = (start + k) % n;
    // Argument list and receiver share one memo: a receiver passed as an argument stays one object.
    const memo = new Map<object, unknown>();
    args[k] = cloneDeep(pristine.args[j], memo);
    receivers[k] = cloneDeep(pristine.receivers[j], memo);
  }
  return { args, receivers };
}
