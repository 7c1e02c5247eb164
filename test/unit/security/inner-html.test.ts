// The SDL rule reports an innerHTML assignment, as a warning, at the tagged line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';
import { expectations, fixturePath, readFixture } from './fixture-expectations';

test('innerHTML assignment is reported by @microsoft/sdl/no-inner-html', () => {
  const text = readFixture('sinks.ts');
  const got = lintSecurity(fixturePath('sinks.ts'), text).filter((f) => f.ruleId === '@microsoft/sdl/no-inner-html');
  assert.deepEqual(got.map((f) => f.line), expectations(text).get('@microsoft/sdl/no-inner-html'));
  assert.equal(got[0]?.severity, 'warning');
});
