// How to build a function's arguments, as plain JSON: written by the server from types (planInputs),
// sent to the sandbox child, and turned into real values there by materialize().

import type { Format } from './formats';

/**
 * One value to build. Every collection and string marked `sized` has the run's size n; a sized
 * collection nested inside another sized one gets a small size instead, so n stays the one knob.
 */
export type ValueRecipe =
  /** A fixed JSON value (also string/number/boolean literal types). */
  | { kind: 'literal'; value: unknown }
  | { kind: 'undefined' }
  | { kind: 'null' }
  /** A number in [min, max]; `sized` makes it the size n itself (a count such as `n` or `limit`). */
  | { kind: 'number'; integer?: boolean; min?: number; max?: number; sized?: boolean }
  | { kind: 'bigint'; sized?: boolean }
  | { kind: 'boolean' }
  /** Letters, of length n when sized, else 1–8. */
  | { kind: 'string'; sized: boolean }
  | { kind: 'symbol' }
  /** One of the options, chosen per pool entry. */
  | { kind: 'union'; options: ValueRecipe[] }
  /** One of these JSON values (enum members, literal unions), chosen per pool entry. */
  | { kind: 'oneOf'; values: unknown[] }
  /** The i-th option for the i-th pool entry: keeps several parameters' user examples in step. */
  | { kind: 'cycle'; options: ValueRecipe[] }
  /** n elements (small when nested); `sorted` sorts them ascending (numbers by value, strings by code unit). */
  | { kind: 'array'; element: ValueRecipe; sized: true; sorted?: boolean }
  /** Fixed elements, then `rest` repeated to size n when present. */
  | { kind: 'tuple'; elements: ValueRecipe[]; rest?: ValueRecipe }
  | { kind: 'object'; fields: FieldRecipe[] }
  /** A plain object with generated keys (Record<string, V>, index signatures). */
  | { kind: 'record'; key: ValueRecipe; value: ValueRecipe; sized: boolean }
  | { kind: 'map'; key: ValueRecipe; value: ValueRecipe; sized: boolean }
  | { kind: 'set'; element: ValueRecipe; sized: boolean }
  | { kind: 'date' }
  | { kind: 'regexp' }
  /** Uint8Array, Float64Array, Buffer, ArrayBuffer... of length n. */
  | { kind: 'bytes'; ctor: BytesCtor; sized: boolean }
  /** `new bindings[binding](...args)`; `fallback` (an object of the right shape) when the binding is missing or throws. */
  | { kind: 'instance'; binding: string; args: ValueRecipe[]; fallback?: ValueRecipe; warm?: WarmUp }
  /** The module's own top-level value of that name (the object of an object method). */
  | { kind: 'binding'; name: string }
  /** A stub: returns one value of `returns` (made once), its first argument when `passThrough`, its `this` when `fluent` (`res.status(200).json(…)`). */
  | { kind: 'function'; returns?: ValueRecipe; passThrough?: boolean; async?: boolean; derive?: DerivedAnswer; fluent?: boolean }
  | { kind: 'promise'; of: ValueRecipe }
  /** A value in a real-world format (email, url, locale, csv line...): see formats.ts. `asString` gives a numeric format as text. */
  | { kind: 'format'; format: Format; sized?: boolean; asString?: boolean }
  /** An element (or key, or substring; or an element's `field`) of argument `from` (-1: a key the receiver was warmed with) about half the time, else `fallback`: searches hit and miss. */
  | { kind: 'pick'; from: number; fallback: ValueRecipe; field?: string }
  /** n items cycling through `items` (an array literal from the user's code, scaled); `sorted` keeps a sorted example sorted. */
  | { kind: 'repeat'; items: unknown[]; sorted?: boolean }
  /** The parts' values joined as a string (TypeScript template-literal types). */
  | { kind: 'concat'; parts: ValueRecipe[] }
  /** A user-written JavaScript expression, evaluated in the child with `n`, `rand()`, `i` and the module's bindings in scope. */
  | { kind: 'expr'; source: string };

/**
 * A callback that answers from its arguments: a group key (string or number) or a yes/no from a cheap
 * hash of the first argument, a comparator that orders its two arguments, or an equality test of them.
 */
export type DerivedAnswer = 'key-string' | 'key-number' | 'predicate' | 'compare' | 'equals';

/**
 * Calls that fill a fresh instance before it is used, so a reader finds something: `method` (a writer
 * such as set/add/push/put/insert) is called n times (few when nested) with `args`; the first argument
 * of each call is made distinct, so the instance really holds that many entries.
 */
export interface WarmUp {
  method: string;
  args: ValueRecipe[];
}

/** One property of an object recipe. */
export interface FieldRecipe {
  name: string;
  value: ValueRecipe;
  /** Optional properties are present in about half the pool. */
  optional?: boolean;
}

/** Typed-array and binary constructors a `bytes` recipe may name. */
export type BytesCtor =
  | 'Uint8Array'
  | 'Int8Array'
  | 'Uint16Array'
  | 'Int16Array'
  | 'Uint32Array'
  | 'Int32Array'
  | 'Float32Array'
  | 'Float64Array'
  | 'ArrayBuffer'
  | 'Buffer';

/** Everything the child needs to build argument lists for one function. */
export interface InputRecipe {
  /** One recipe per parameter, in order. */
  params: ValueRecipe[];
  /** `this` for methods: an instance of the class, or the object binding of an object method. */
  receiver?: ValueRecipe;
  /** Top-level names of the user module the child must expose, e.g. classes to construct or the object for obj.method. */
  bindings: string[];
  /** The last recipe is a `...rest` parameter: an array that materialize() spreads into separate arguments. */
  restLast?: boolean;
}
