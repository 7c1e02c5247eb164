// A nested function the locator reports is measured on its own: growing it changes none of its
// parent's metrics. An anonymous callback, in contrast, is part of its parent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureSource } from './measure-source';

const parent = (innerBody: string): string => `export function parent(xs: number[]): number {
  const helper = (x: number): number => {
${innerBody}
  };
  let sum = 0;
  for (const x of xs) sum += helper(x);
  return sum;
}`;

test("growing a nested located function leaves its parent's metrics unchanged", () => {
  const small = measureSource(parent('    return x;'));
  const large = measureSource(
    parent(`    if (x > 10 && x < 20) {
      for (let i = 0; i < x; i++) x = x % 3 === 0 ? x / 3 : x - 1;
    }
    return x;`),
  );
  assert.deepEqual(large.get('parent'), small.get('parent'));
  // ...and the nested function itself did grow.
  assert.ok(large.get('parent.helper')!.cyclomatic > small.get('parent.helper')!.cyclomatic);
  assert.ok(large.get('parent.helper')!.sloc > small.get('parent.helper')!.sloc);
});

test('an anonymous callback is part of its enclosing function', () => {
  const plain = measureSource('export function f(xs: number[]) { return xs.map((x) => x); }').get('f')!;
  const busy = measureSource('export function f(xs: number[]) { return xs.map((x) => (x > 0 && x < 9 ? x : 0)); }').get('f')!;
  assert.equal(busy.cyclomatic - plain.cyclomatic, 2); // && and ?:
  assert.equal(busy.cognitive - plain.cognitive, 1 + 2); // && +1, ternary +1 +1 (inside the callback)
  assert.ok(busy.halstead.volume > plain.halstead.volume);
});
