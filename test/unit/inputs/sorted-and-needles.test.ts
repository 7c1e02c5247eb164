// Arrays named sorted are sorted; a target/needle/id is drawn from the collection it is searched in
// about half the time, so a search is timed on hits as well as misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('binarySearch gets a sorted array and a target found in it about half the time', () => {
  const { args } = pool(plan('names.ts', 'binarySearch'), 50, 40);
  let hits = 0;
  for (const [sorted, target] of args as Array<[number[], number]>) {
    assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));
    if (sorted.includes(target)) hits++;
  }
  assert.ok(hits >= 10 && hits <= 30, `${hits} of 40 targets are in the array`);
});

test('an id looked up in an array of records is drawn from their id fields', () => {
  const { args } = pool(plan('names.ts', 'findUser'), 20, 40);
  const hits = (args as Array<[Array<{ id: number }>, number]>).filter(([users, id]) => users.some((u) => u.id === id)).length;
  assert.ok(hits >= 10 && hits <= 30, `${hits} of 40`);
});

test('a needle in a text is a substring of it about half the time', () => {
  const { args } = pool(plan('names.ts', 'countWords'), 30, 40);
  const hits = (args as Array<[string, string]>).filter(([text, needle]) => text.includes(needle)).length;
  assert.ok(hits >= 15, `${hits} of 40`);
});
