// A tsconfig that is not valid JSON does not throw: the default options (strict) apply.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTypes, disposeTypeCheckers } from '../../../server/src/analyze/correctness';
import { fixtureFile, workspace } from './workspace';

after(disposeTypeCheckers);

test('the strict default reports implicit any although the broken config says strict: false', () => {
  const { file, text, expected } = fixtureFile('broken-tsconfig', 'src/prices.ts');
  const findings = checkTypes(file, text, { workspaceRoot: workspace('broken-tsconfig') });
  assert.deepEqual(findings.map((f) => String(f.code)), ['7006']);
  assert.deepEqual(findings.map((f) => f.line), expected.get('7006'));
});
