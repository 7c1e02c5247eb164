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

// Built-ins that harness code outside the timed loops (input building) calls by their global names.
const GUARDED: Array<[Record<string, unknown>, string[]]> = [
  [Math as unknown as Record<string, unknown>, ['abs', 'ceil', 'floor', 'max', 'min', 'round', 'random', 'sqrt', 'pow', 'trunc', 'sign', 'log2']],
  [JSON as unknown as Record<string, unknown>, ['stringify', 'parse']],
  [Object as unknown as Record<string, unknown>, ['keys', 'entries', 'values', 'assign', 'create', 'defineProperty', 'freeze', 'getPrototypeOf', 'setPrototypeOf']],
  [Array as unknown as Record<string, unknown>, ['isArray', 'from', 'of']],
  [Array.prototype as unknown as Record<string, unknown>, ['push', 'pop', 'slice', 'splice', 'sort', 'map', 'filter', 'every', 'some', 'forEach', 'reduce', 'indexOf', 'includes', 'join', 'concat', 'fill', 'keys', 'entries']],
  [String.prototype as unknown as Record<string, unknown>, ['slice', 'repeat', 'padStart', 'charCodeAt', 'split', 'toString']],
];
const ORIGINALS = GUARDED.flatMap(([holder, keys]) => keys.filter((k) => k in holder).map((k) => [holder, k, holder[k]] as const));

/**
 * Runs a synchronous harness step (building inputs) with the built-ins as they were at startup, then
 * puts back whatever the user's module had installed, so its own calls keep seeing its changes.
 */
export function withOriginals<T>(step: () => T): T {
  const saved: Array<readonly [Record<string, unknown>, string, unknown]> = [];
  for (const [holder, key, original] of ORIGINALS) {
    const current = holder[key];
    if (current === original) continue;
    try {
      defineProperty(holder, key, { value: original, writable: true, configurable: true, enumerable: false });
      saved.push([holder, key, current]);
    } catch {
      // Frozen by the user's code: the step sees the user's version.
    }
  }
  try {
    return step();
  } finally {
    for (const [holder, key, value] of saved) defineProperty(holder, key, { value, writable: true, configurable: true, enumerable: false });
  }
}
