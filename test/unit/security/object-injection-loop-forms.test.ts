// perflens/object-injection judges an element the same whether it comes from for…of or from a forEach/map/reduce
// callback: rewriting one loop form as the other neither adds nor removes a finding (the rewrite that turned a
// same-speed, same-behaviour change into REJECT 25).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

const injection = (text: string) => lintSecurity('/tmp/loop-forms.ts', text).filter((f) => f.ruleId === 'perflens/object-injection');

const forOf = `export function pick(keys: string[], src: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const k of keys) {
    out[k] = src[k];
  }
  return out;
}
`;
const forEach = `export function pick(keys: string[], src: Record<string, number>) {
  const out: Record<string, number> = {};
  keys.forEach((k) => {
    out[k] = src[k];
  });
  return out;
}
`;
const reduce = `export function pick(keys: string[], src: Record<string, number>) {
  return keys.reduce((out: Record<string, number>, k) => {
    out[k] = src[k];
    return out;
  }, {});
}
`;

test('for…of, forEach and reduce over a parameter give the same findings with the same messages', () => {
  const a = injection(forOf);
  const b = injection(forEach);
  const c = injection(reduce);
  assert.equal(a.length, 2, 'out[k] written and src[k] read, both keyed by an element of parameter keys');
  assert.deepEqual(b.map((f) => f.message), a.map((f) => f.message));
  assert.deepEqual(c.map((f) => f.message), a.map((f) => f.message));
  assert.match(a[0]!.message, /`k`, taken from parameter `keys`/);
});

test('elements of a local constant array are not caller-controlled, in either loop form', () => {
  const local = (loop: string) => `export function fill(src: Record<string, number>) {
  const names = ['a', 'b'];
  const out: Record<string, number> = {};
  ${loop}
  return out;
}
`;
  assert.deepEqual(injection(local('for (const n of names) out[n] = 1;')), []);
  assert.deepEqual(injection(local('names.forEach((n) => { out[n] = 1; });')), []);
});

test('the index and accumulator parameters of a callback are not keys from the caller', () => {
  const text = `export function byIndex(values: string[], table: Record<string, number>) {
  return values.map((_v, i) => table[i]);
}
`;
  assert.deepEqual(injection(text), []);
});

test('keys of a parameter object (Object.keys, for…in) come from that parameter', () => {
  const text = `export function merge(dst: Record<string, unknown>, src: Record<string, unknown>) {
  for (const key in src) {
    dst[key] = src[key];
  }
  Object.keys(src).forEach((key) => {
    dst[key] = src[key];
  });
}
`;
  const found = injection(text);
  assert.equal(found.length, 4);
  assert.ok(found.every((f) => /taken from parameter `src`/.test(f.message)));
});

test('a callback parameter of a non-iterating call (a request handler) is still a parameter', () => {
  const text = `export function route(app: { get(p: string, h: (q: string) => void): void }, table: Record<string, number>) {
  app.get('/x', (q) => {
    table[q] = 1;
  });
}
`;
  assert.equal(injection(text).length, 1);
});

test('the match of a replace callback keys a table only with what the regex literal can match', () => {
  const text = `const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;' };
export const escapeHtml = (s: string): string => s.replace(/[&<]/g, (c) => ENTITIES[c]!);
export const fillAll = (s: string, values: Record<string, string>): string => s.replace(/\\w+/g, (word) => values[word]!);
`;
  assert.deepEqual(injection(text).map((f) => f.line), [3], 'a one-character class cannot be "__proto__"; \\\\w+ can');
});
