// Inputs from the user's own code come first (issue 11, rule 1): literal arguments at call sites and in
// test files, scaled where they hold collections and kept sorted where they were; a generic parameter
// takes the type it has at a call. Each parameter says where its values came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { plan, pool } from './plan-helpers';

const ROOT = join(__dirname, '..', '..', 'fixtures', 'service');
const SRC = join(ROOT, 'src');

test("a test file's literal calls become the inputs, scaled to n and still sorted", () => {
  const p = plan(join(SRC, 'search.ts'), 'binarySearch', ROOT);
  assert.deepEqual(p.params.map((s) => s.source), ['test', 'test']);
  const { args } = pool(p, 12, 2);
  const [[a, t1], [b, t2]] = args as Array<[number[], number]>;
  assert.equal(a.length, 12);
  assert.deepEqual(a, [...a].sort((x, y) => x - y));
  assert.deepEqual([...new Set(a)], [1, 3, 5, 7, 9, 11]);
  assert.deepEqual([...new Set(b)], [2, 4, 6, 8]);
  assert.deepEqual([t1, t2], [7, 5]);
});

test('call sites in the app give locale and currency; a call that leaves a default leaves it', () => {
  const money = plan(join(SRC, 'format.ts'), 'formatMoney', ROOT);
  assert.deepEqual(money.params.map((s) => s.source), ['name', 'call-site', 'call-site']);
  assert.deepEqual(pool(money, 5, 1).args[0].slice(1), ['de-DE', 'EUR']);
  const csv = plan(join(SRC, 'csv.ts'), 'parseCsvLine', ROOT);
  const lists = pool(csv, 5, 2).args;
  assert.ok(lists.some(([, d]) => d === ';') && lists.some(([, d]) => d === undefined), JSON.stringify(lists));
});

test('a generic parameter is bound from its call: groupBy<T> gets Orders', () => {
  const p = plan(join(SRC, 'group.ts'), 'groupBy', ROOT);
  assert.equal(p.params[0].source, 'call-site');
  const [items] = pool(p, 6, 1).args[0] as [Array<{ id: number; status: string; email: string }>];
  assert.equal(items.length, 6);
  assert.ok(items.every((o) => ['open', 'paid', 'shipped'].includes(o.status) && /@/.test(o.email)), JSON.stringify(items));
});
