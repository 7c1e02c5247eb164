// Shared pieces of the recording mocks: the per-module call counter, a deep "anything" mock, and
// a small fake of Node's emitter-style handles (sockets, requests, child processes).

import { EventEmitter } from 'node:events';

/** Counts calls per mocked module name (`fs`, `axios`, `@aws-sdk/client-s3`, ...). */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  hit(module: string): void {
    this.counts.set(module, (this.counts.get(module) ?? 0) + 1);
  }
  entries(): Array<{ module: string; calls: number }> {
    return [...this.counts].map(([module, calls]) => ({ module, calls })).sort((a, b) => a.module.localeCompare(b.module));
  }
  clear(): void {
    this.counts.clear();
  }
}

/** A mock's view of its module: what to count calls against. */
export interface MockScope {
  module: string;
  counter: CallCounter;
}

/** Wraps `impl` so every call is counted against the scope's module. */
export function recorded<A extends unknown[], R>(scope: MockScope, impl: (...args: A) => R): (...args: A) => R {
  return function (this: unknown, ...args: A): R {
    scope.counter.hit(scope.module);
    return impl.apply(this, args);
  };
}

/** Calls a trailing Node-style callback on the next tick, as the real asynchronous API would. */
export function callbackLast(args: unknown[], ...result: unknown[]): boolean {
  const cb = args[args.length - 1];
  if (typeof cb !== 'function') return false;
  process.nextTick(() => (cb as (...a: unknown[]) => void)(...result));
  return true;
}

const DEEP_SKIP = new Set<PropertyKey>(['then', 'catch', 'finally', 'toJSON', 'constructor', 'prototype', 'inspect']);

/**
 * A value that answers any property with another deep mock and any call or `new` with one too,
 * counting the calls. Used for the long tail of client APIs we do not model one by one. It is not
 * thenable, so `await deep.x()` gives the deep mock back instead of hanging.
 */
export function deepMock(scope: MockScope, overrides: Record<PropertyKey, unknown> = {}): any {
  const cache = new Map<PropertyKey, unknown>(Object.entries(overrides));
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  const proxy: any = new Proxy(target, {
    get(_t, key) {
      if (cache.has(key)) return cache.get(key);
      if (key === Symbol.toPrimitive) return () => '[perflens mock]';
      if (typeof key === 'symbol' || DEEP_SKIP.has(key)) return undefined;
      const child = deepMock(scope);
      cache.set(key, child);
      return child;
    },
    set(_t, key, value) {
      cache.set(key, value);
      return true;
    },
    has: (t, key) => cache.has(key) || key in t,
    apply() {
      scope.counter.hit(scope.module);
      return deepMock(scope);
    },
    construct() {
      scope.counter.hit(scope.module);
      return deepMock(scope);
    },
  });
  return proxy;
}

/**
 * An emitter standing in for a socket, request, child process or worker: writes are swallowed,
 * `end`/`close` finish it, and `connect`-like events fire on the next tick so awaiting code proceeds.
 */
export class FakeHandle extends EventEmitter {
  readable = true;
  writable = true;
  destroyed = false;
  constructor(private readonly scope: MockScope, openEvents: string[] = []) {
    super();
    if (openEvents.length) process.nextTick(() => openEvents.forEach((e) => this.emit(e)));
  }
  write(_chunk: unknown, ...rest: unknown[]): boolean {
    this.scope.counter.hit(this.scope.module);
    callbackLast(rest, null);
    return true;
  }
  end(...args: unknown[]): this {
    this.scope.counter.hit(this.scope.module);
    callbackLast(args);
    process.nextTick(() => {
      this.emit('finish');
      this.emit('end');
      this.emit('close');
    });
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    process.nextTick(() => this.emit('close'));
    return this;
  }
  setEncoding(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  address(): { address: string; family: string; port: number } {
    return { address: '127.0.0.1', family: 'IPv4', port: 0 };
  }
}
