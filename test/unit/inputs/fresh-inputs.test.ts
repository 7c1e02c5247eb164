// Functions that mutate their inputs get a fresh copy per timed call (issue 11, rule 5): the probe
// detects the mutation, every call of a sample sees a pristine input, and non-mutating functions are
// timed on the shared pool as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probe, takeSample, timedVariant, calibrate } from '../../../server/src/profile/harness/measure';
import { cloneDeep, fingerprint } from '../../../server/src/profile/harness/fresh';
import type { Pool, Target } from '../../../server/src/profile/harness/call';

const poolOf = (lists: unknown[][], receivers: unknown[] = lists.map(() => undefined)): Pool => ({ args: lists, receivers });
const plain = (fn: (...a: never[]) => unknown): Target => ({ fn, access: { mode: 'plain', receiver: 'none' } });
const unsorted = () => Array.from({ length: 50 }, (_, k) => (k * 37) % 50);

test('an in-place sort is detected and every timed call sorts an unsorted array', async () => {
  let sawSorted = 0;
  let calls = 0;
  const sortInPlace = (xs: number[]) => {
    calls++;
    if (xs.every((x, k) => k === 0 || xs[k - 1] <= x)) sawSorted++;
    return xs.sort((a, b) => a - b);
  };
  const p = await probe(plain(sortInPlace), poolOf([[unsorted()], [unsorted()]]), 'sortInPlace');
  assert.equal(p.mutates, true);
  const v = timedVariant('t', plain(sortInPlace), p);
  await calibrate(v, 50_000);
  sawSorted = 0;
  calls = 0;
  for (let k = 0; k < 5; k++) await takeSample(v);
  assert.ok(calls > 0);
  assert.equal(sawSorted, 0, `${sawSorted} of ${calls} timed calls got an already-sorted array`);
});

test('a function that only reads its input is not cloned', async () => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const p = await probe(plain(sum), poolOf([[unsorted()]]), 'sum');
  assert.equal(p.mutates, false);
});

test('a method that changes its receiver is detected, and copies keep the class', async () => {
  class Bag {
    items: string[] = [];
    add(x: string) { this.items.push(x); return this.items.length; }
  }
  const target: Target = { fn: Bag.prototype.add, access: { mode: 'this', receiver: 'instance' } };
  const p = await probe(target, poolOf([['a'], ['b']], [new Bag(), new Bag()]), 'Bag.add');
  assert.equal(p.mutates, true);
  assert.deepEqual((p.pool.receivers[0] as Bag).items, [], 'the timed pool holds the receiver as it was before the probe');
  const copy = cloneDeep(p.pool.receivers[0]);
  assert.ok(copy instanceof Bag && copy !== p.pool.receivers[0]);
});

test('cloneDeep keeps cycles and shared references; fingerprint sees nested changes', () => {
  const node: { v: number; next?: unknown } = { v: 1 };
  node.next = node;
  const m = new Map([['k', [1, 2]]]);
  const c = cloneDeep({ node, m, again: m });
  assert.equal(c.node.next, c.node);
  assert.equal(c.again, c.m);
  assert.notEqual(c.m, m);
  const before = fingerprint({ m });
  m.get('k')!.push(3);
  assert.notEqual(fingerprint({ m }), before);
});
