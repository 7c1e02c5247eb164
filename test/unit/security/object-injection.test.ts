// objectInjection: 'parameters' reports only keys that come from a parameter; 'off' reports
// none; 'all' falls back to security/detect-object-injection on every variable key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';
import { expectations, fixturePath, readFixture } from './fixture-expectations';

const text = readFixture('object-injection.ts');
const file = fixturePath('object-injection.ts');
const injection = (mode: 'off' | 'parameters' | 'all' | undefined) =>
  lintSecurity(file, text, mode ? { objectInjection: mode } : {}).filter((f) => f.ruleId.includes('object-injection'));

test("'parameters' (the default) flags obj[param] and obj[param.member], not obj[localConst] or a number index", () => {
  const expected = expectations(text).get('parameter key');
  for (const mode of ['parameters', undefined] as const) {
    const got = injection(mode);
    assert.deepEqual(got.map((f) => f.line), expected, String(mode));
    assert.ok(got.every((f) => f.ruleId === 'perflens/object-injection' && f.severity === 'warning'));
  }
});

test("'off' reports no object injection", () => {
  assert.deepEqual(injection('off'), []);
});

test("'all' reports every computed access by a variable", () => {
  const lines = injection('all').map((f) => f.line);
  const localLine = text.split('\n').findIndex((l) => l.includes('table[localConst]')) + 1;
  const numericLine = text.split('\n').findIndex((l) => l.includes('values[i]')) + 1;
  assert.ok(lines.includes(localLine), 'local constant key');
  assert.ok(lines.includes(numericLine), 'numeric parameter key');
  assert.ok(injection('all').every((f) => f.ruleId === 'security/detect-object-injection'));
});
