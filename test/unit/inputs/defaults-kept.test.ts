// A default is what callers leave in place: literal defaults are kept, computed ones are left to the
// function (undefined is passed), and only fractional tuning numbers vary near their default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';

test('literal defaults are kept exactly and say so', () => {
  const p = plan('names.ts', 'formatPrice');
  assert.deepEqual(p.params.map((s) => s.source), ['name', 'default', 'default']);
  for (const [, locale, currency] of pool(p, 10, 8).args) {
    assert.equal(locale, 'en-US');
    assert.equal(currency, 'USD');
  }
  for (const [, decimals] of pool(plan('names.ts', 'roundMoney'), 10, 8).args) assert.equal(decimals, 2);
});

test('a computed default is left to the function, and shown as written', () => {
  const p = plan('names.ts', 'nonDefault');
  assert.equal(p.params[0].example, 'Date.now() (default)');
  for (const [now, tag] of pool(p, 10, 4).args) {
    assert.equal(now, undefined);
    assert.equal(tag, 'x');
  }
});

test('a fractional default is varied within 20% of itself', () => {
  const values = pool(plan('names.ts', 'scale'), 10, 16).args.map((a) => a[1] as number);
  assert.ok(values.every((v) => v >= 0.4 && v <= 0.6), String(values));
  assert.ok(new Set(values).size > 4, 'it varies');
});
