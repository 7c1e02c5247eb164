// Our cyclomatic complexity equals ESLint's `complexity` rule (classic variant) on every fixture
// form, once each anonymous callback's decisions are folded into its enclosing function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureSource } from './measure-source';
import { eslintCyclomatic } from './eslint-reference';

const fixtures = join(__dirname, '..', '..', 'fixtures');

for (const name of ['forms.ts', 'forms-default-arrow.ts']) {
  test(`cyclomatic equals ESLint complexity on ${name}`, () => {
    const file = join(fixtures, name);
    const code = readFileSync(file, 'utf8');
    const ours = new Map([...measureSource(code, file)].map(([q, m]) => [q, m.cyclomatic]));
    assert.deepEqual(ours, eslintCyclomatic(code, file));
  });
}

test('cyclomatic equals ESLint complexity where it counts ?., ??, for-of, defaults and logical assignment', () => {
  // The constructs typhonjs-escomplex misses, in one function, plus a callback and a nested function.
  const code = `
export function mix(a?: { b?: { c?: () => number } }, xs: number[] = [], { k = 1 } = {}) {
  let t = a?.b?.c?.() ?? 0;
  for (const x of xs) t += x > k ? x : 0;
  t ||= 1;
  t &&= t;
  let s: number | undefined;
  s ??= xs.find((x) => x > 2 && x < 9) ?? -1;
  function helper(y = 2) { return y || 3; }
  return t + s + helper();
}`;
  const ours = new Map([...measureSource(code, 'mix.ts')].map(([q, m]) => [q, m.cyclomatic]));
  const reference = eslintCyclomatic(code, 'mix.ts');
  assert.deepEqual(ours, reference);
  // The reference itself is not trivially 1: every construct above is a decision point.
  assert.ok(reference.get('mix')! > 10);
});
