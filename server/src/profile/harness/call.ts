// Builds the timed loops for one target: a fresh, specialised function per variant so each has its own
// type feedback, a direct call with a fixed arity (no spread or apply), and a result sink that keeps
// every call's result observable so the optimiser cannot drop the work. The loop reads no object
// properties outside the calls: property loads whose feedback V8 had not yet collected when it
// optimised the loop on stack made it deoptimise, and some runs then stayed twice as slow.

import type { CallMode, TargetAccess } from '../sandbox/contract';
import { hrtimeBigint, SafeFunction } from './intrinsics';

/** A resolved target: the function plus where `this` comes from. */
export interface Target {
  fn: unknown;
  access: TargetAccess;
  /** The fixed receiver for `receiver: 'self'` (the class or the object). */
  self?: unknown;
}

/** The inputs of one size: argument lists and one receiver per list. */
export interface Pool {
  args: unknown[][];
  receivers: unknown[];
}

/**
 * Runs `iters` calls cycling through the pool from `start` and returns the elapsed ns as a bigint
 * (converted outside, so no call after the timed loop lacks type feedback when V8 optimises it on
 * stack). Async modes return a promise. A throw escapes to the caller (the harness makes it a typed error).
 */
export type Sampler = (iters: number, start: number, args: unknown[][], receivers: unknown[], len: number) => bigint | Promise<bigint>;

const SENTINEL = Symbol('perflens-sentinel');
let serial = 0;

/** True for generator objects and async iterables (streams): results we time to the first item. */
export function isStreamResult(r: unknown): boolean {
  if (r === null || (typeof r !== 'object' && typeof r !== 'function')) return false;
  const tag = Object.prototype.toString.call(r);
  if (tag === '[object Generator]' || tag === '[object AsyncGenerator]') return true;
  return typeof (r as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** True for promises and other thenables: results we await (time to settle). */
export function isThenable(r: unknown): boolean {
  return r !== null && (typeof r === 'object' || typeof r === 'function') && typeof (r as { then?: unknown }).then === 'function';
}

/** The call expression for argument list `a` and receiver `r` in the generated source. */
function callExpression(access: TargetAccess, arity: number | null): string {
  const argList = arity === null ? null : Array.from({ length: arity }, (_, k) => `a[${k}]`).join(', ');
  const recv = access.receiver === 'self' ? 'self' : 'rs[j]';
  switch (access.mode) {
    case 'plain':
      return argList === null ? 'fn.apply(undefined, a)' : `fn(${argList})`;
    case 'this':
      return argList === null ? `fn.apply(${recv}, a)` : `fn.call(${recv}${argList ? ', ' + argList : ''})`;
    case 'field': {
      const m = JSON.stringify(access.member ?? '');
      return argList === null ? `${recv}[${m}].apply(${recv}, a)` : `${recv}[${m}](${argList})`;
    }
  }
}

/**
 * Compiles the sampler for `target` in `mode`. `arity` is the common argument count of the pool, or
 * null when lists differ in length (rest parameters), which falls back to `apply`.
 */
export function makeSampler(target: Target, mode: CallMode, arity: number | null, streamKind: 'sync' | 'async' = 'async'): Sampler {
  const call = callExpression(target.access, arity);
  // Each variant gets unique source text, so V8 never shares compiled code or feedback between them.
  const tag = `/* perflens sampler ${++serial} */`;
  const head = `${tag}
    const mask = len - 1;
    let j = start, s, h = 0;`;
  // len is a power of two (see poolForSampling): a mask is cheaper than a compare and branch.
  const step = `j = (j + 1) & mask;`;
  const tail = `last = s; hits += h; return t1 - t0;`;
  let body: string;
  if (mode === 'sync') {
    // Unrolled four times, as mitata does, so loop control weighs little against tiny functions.
    const one = `{ const a = args[j]; s = ${call}; if (s === SENTINEL) h++; ${step} }`;
    body = `return function sample(iters, start, args, rs, len) { ${head}
      let i = 0;
      const t0 = hr();
      for (; i + 4 <= iters; i += 4) { ${one} ${one} ${one} ${one} }
      for (; i < iters; i++) ${one}
      const t1 = hr();
      ${tail} };`;
  } else if (mode === 'async') {
    body = `return async function sample(iters, start, args, rs, len) { ${head}
      const t0 = hr();
      for (let i = 0; i < iters; i++) { const a = args[j]; s = await ${call}; if (s === SENTINEL) h++; ${step} }
      const t1 = hr();
      ${tail} };`;
  } else if (streamKind === 'sync') {
    body = `return function sample(iters, start, args, rs, len) { ${head}
      const t0 = hr();
      for (let i = 0; i < iters; i++) { const a = args[j]; const it = ${call}; const r = it.next(); s = r.value; if (typeof it.return === 'function') it.return(); if (s === SENTINEL) h++; ${step} }
      const t1 = hr();
      ${tail} };`;
  } else {
    body = `return async function sample(iters, start, args, rs, len) { ${head}
      const t0 = hr();
      for (let i = 0; i < iters; i++) { const a = args[j]; const src = ${call}; const it = src[Symbol.asyncIterator] ? src[Symbol.asyncIterator]() : src;
        const r = await it.next(); s = r.value; if (typeof it.return === 'function') await it.return(); if (s === SENTINEL) h++; ${step} }
      const t1 = hr();
      ${tail} };`;
  }
  // `last` and `hits` live in the closure: writing them needs no property feedback.
  const factory = new SafeFunction('fn', 'self', 'hr', 'SENTINEL', `let last, hits = 0; ${body}`) as (
    fn: unknown,
    self: unknown,
    hr: () => bigint,
    sentinel: symbol,
  ) => Sampler;
  // The clock and Function are the harness's own (intrinsics.ts), taken before user code loaded.
  return factory(target.fn, target.self, hrtimeBigint, SENTINEL);
}

/**
 * The pool cut to a power-of-two length (at least one entry), so samplers can cycle with a mask.
 * Dropping a few inputs changes nothing that matters: they were only there for variety.
 */
export function poolForSampling(pool: Pool): Pool {
  let n = 1;
  while (n * 2 <= pool.args.length) n *= 2;
  return { args: pool.args.slice(0, n), receivers: pool.receivers.slice(0, n) };
}

/** Common argument count of the pool, or null when the lists differ (then the sampler uses apply). */
export function poolArity(pool: Pool): number | null {
  const first = pool.args[0]?.length ?? 0;
  return pool.args.every((a) => a.length === first) ? first : null;
}

/** Calls the target once with pool entry `j`, outside any timing (probing, draining streams). */
export function callOnce(target: Target, pool: Pool, j: number): unknown {
  const a = pool.args[j];
  const recv = target.access.receiver === 'self' ? target.self : pool.receivers[j];
  const { mode, member } = target.access;
  if (mode === 'plain') return (target.fn as (...x: unknown[]) => unknown)(...a);
  if (mode === 'this') return (target.fn as (...x: unknown[]) => unknown).apply(recv, a);
  const f = (recv as Record<string, unknown>)[member ?? ''];
  if (typeof f !== 'function') throw new TypeError(`the instance has no function property '${member}'`);
  return (f as (...x: unknown[]) => unknown).apply(recv, a);
}
