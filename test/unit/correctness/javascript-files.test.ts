// JavaScript files are type-checked only when the tsconfig sets checkJs.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTypes, disposeTypeCheckers } from '../../../server/src/analyze/correctness';
import { fixtureFile, workspace } from './workspace';

after(disposeTypeCheckers);

test('with checkJs, a JS type error is found at the tagged line', () => {
  const { file, text, expected } = fixtureFile('check-js', 'src/plain.js');
  const findings = checkTypes(file, text, { workspaceRoot: workspace('check-js') });
  assert.deepEqual(findings.map((f) => f.line), expected.get('2322'));
  assert.deepEqual(findings.map((f) => f.code), [2322]);
});

test('without checkJs, the same kind of JS error gives []', () => {
  const { file, text } = fixtureFile('with-tsconfig', 'src/plain.js');
  assert.ok(text.includes("n.toFixed = 'not a function'"), 'the fixture has the error');
  assert.deepEqual(checkTypes(file, text, { workspaceRoot: workspace('with-tsconfig') }), []);
});
