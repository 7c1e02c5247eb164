// Super-linear regular expressions are reported (exponential as errors, polynomial as warnings);
// linear ones, including unambiguous nesting, are not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';
import { analyzeRegex } from '../../../server/src/analyze/security/super-linear-regex';

const ruleIds = (code: string): string[] =>
  lintSecurity('/buffer/re.ts', code).filter((f) => f.ruleId.endsWith('-regex')).map((f) => `${f.ruleId}:${f.severity}`);

test('/(a+)+$/ is an exponential-regex error; /^[a-z]+$/ is not reported', () => {
  assert.deepEqual(ruleIds('export const a = /(a+)+$/;'), ['perflens/exponential-regex:error']);
  assert.deepEqual(ruleIds('export const b = /^[a-z]+$/;'), []);
});

test('RegExp constructed from a static string is checked like a literal', () => {
  assert.deepEqual(ruleIds("export const c = new RegExp('(\\\\w|\\\\d)+$', 'u');"), ['perflens/exponential-regex:error']);
  assert.deepEqual(ruleIds('export const d = RegExp(`^\\\\d+\\\\d+$`);'), ['perflens/polynomial-regex:warning']);
});

test('known ReDoS patterns are classified; known linear ones pass', () => {
  const exponential = [
    '(a+)+$',
    '(\\w|\\d)+$',
    '(a|aa)*$',
    '(\\w+\\s?)*$',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  ];
  const polynomial = ['\\d+\\d+$', '^\\s*\\w*\\s*$'];
  const linear = ['^[a-z]+$', '(?:\\d+\\.)+\\d+', '^(.*):(.*)$', '"(?:[^"\\\\]|\\\\.)*"', '(ab|ac)*x', '(?:a{2})+$', '^\\w+@\\w+\\.\\w+$'];
  for (const p of exponential) assert.equal(analyzeRegex(p, '')?.kind, 'exponential', p);
  for (const p of polynomial) assert.equal(analyzeRegex(p, '')?.kind, 'polynomial', p);
  for (const p of linear) assert.equal(analyzeRegex(p, ''), undefined, p);
});

test('an invalid pattern is left to other checks', () => {
  assert.equal(analyzeRegex('(a+', ''), undefined);
});
