// Strings and numbers whose names promise a format get values in that format (issue 11, rule 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, pool } from './plan-helpers';
import { formatOk, type Format } from '../../../server/src/profile/inputs/formats';
import { stringFormatFor, numberFormatFor } from '../../../server/src/profile/inputs/names';

test('every parameter of formats() gets a value that passes the format check for its name', () => {
  const p = plan('names.ts', 'formats');
  const expected: Record<string, Format> = {
    email: 'email', url: 'url', id: 'uuid', locale: 'locale', currency: 'currency', path: 'path', port: 'port', host: 'host',
    createdAt: 'isodate', timestamp: 'epochms', json: 'json', csv: 'csv', html: 'html', pattern: 'regex', page: 'page',
    offset: 'offset', percent: 'percent', ratio: 'ratio', precision: 'decimals',
  };
  const { args } = pool(p, 20, 8);
  p.params.forEach((spec, k) => {
    const f = expected[spec.name];
    if (!f) return;
    assert.equal(spec.source, 'name', `${spec.name} says its values come from its name`);
    for (const a of args) assert.ok(formatOk(f, a[k]), `${spec.name}: ${JSON.stringify(a[k])} is not a ${f}`);
  });
  const limit = p.params.findIndex((s) => s.name === 'limit');
  assert.ok(args.every((a) => a[limit] === 20), 'a count is still the size n');
});

test('the issue examples: a CSV line has fields, emails are emails, a base URL parses', () => {
  const [line, delimiter] = pool(plan('names.ts', 'parseCsvLine'), 10, 1).args[0] as [string, string];
  assert.equal(delimiter, ',');
  assert.ok(line.split(',').length >= 10, line);
  const [emails, baseUrl] = pool(plan('names.ts', 'sendAll'), 5, 1).args[0] as [string[], string];
  assert.equal(emails.length, 5);
  assert.ok(emails.every((e) => formatOk('email', e)), String(emails));
  assert.doesNotThrow(() => new URL(baseUrl));
});

test('name matching uses whole words, not substrings', () => {
  assert.equal(stringFormatFor('userEmail'), 'email');
  assert.equal(stringFormatFor('base_url'), 'url');
  assert.equal(stringFormatFor('format'), undefined, '`format` ends in "at" but is not a date');
  assert.equal(stringFormatFor('reason'), undefined);
  assert.equal(numberFormatFor('fractionDigits'), 'decimals');
  assert.equal(numberFormatFor('createdAt'), 'epochms');
  assert.equal(numberFormatFor('width'), undefined);
});
