// The harness's own references to the built-ins it times and reports with, taken when the sandbox
// child starts and before any user module loads. Code under test that replaces process.hrtime.bigint,
// JSON.stringify, Math.*, Number, Function, Array.prototype methods, the timers or fs.writeSync changes
// nothing the harness measures or sends.

import * as fs from 'node:fs';

const uncurry = <A extends unknown[], R>(f: (...args: A) => R): ((self: unknown, ...args: A) => R) =>
  Function.prototype.call.bind(f as (...args: unknown[]) => unknown) as (self: unknown, ...args: A) => R;

/** process.hrtime.bigint as it was at startup. */
export const hrtimeBigint: () => bigint = process.hrtime.bigint;
export const SafeNumber = Number;
export const SafeFunction = Function;
export const SafeMath = Object.freeze({ abs: Math.abs, ceil: Math.ceil, floor: Math.floor, max: Math.max, min: Math.min, round: Math.round });
export const jsonStringify = JSON.stringify;
export const objectKeys = Object.keys;
const { defineProperty, setPrototypeOf, create } = Object;
export const isArray = Array.isArray;
export const safeSetTimeout = setTimeout;
export const safeSetImmediate = setImmediate;
export const arrayPush = uncurry(Array.prototype.push as (...items: unknown[]) => number);
export const arraySlice = uncurry(Array.prototype.slice as (start?: number, end?: number) => unknown[]);
export const arraySort = uncurry(Array.prototype.sort as (cmp?: (a: never, b: never) => number) => unknown[]);
/** fs.writeSync as it was at startup: the message writer. */
export const safeWriteSync = fs.writeSync;
export const safeReadSync = fs.readSync;

/** ns from the harness's own clock, as a number. */
export const nowNs = (): number => SafeNumber(hrtimeBigint());

/** A sorted copy of numbers, untouched by a replaced Array.prototype.sort or iterator. */
export function sortedNumbers(xs: number[]): number[] {
  return arraySort(arraySlice(xs), (a: number, b: number) => a - b) as number[];
}

/**
 * A copy of a message as null-prototype objects and arrays, so that JSON.stringify finds no toJSON
 * or getter that user code may have added to Object.prototype or Array.prototype.
 */
export function plainCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isArray(v)) {
    const out: unknown[] = [];
    setPrototypeOf(out, null);
    for (let i = 0; i < v.length; i++) defineProperty(out, i, { value: plainCopy(v[i]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  const out: Record<string, unknown> = create(null) as Record<string, unknown>;
  for (const k of objectKeys(v)) defineProperty(out, k, { value: plainCopy((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}
