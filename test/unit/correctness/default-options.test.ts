// Without a tsconfig in the workspace, the defaults apply: strict errors are found, and the
// options of a tsconfig outside the workspace (this repository's, with noUnusedLocals) are not used.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTypes, disposeTypeCheckers } from '../../../server/src/analyze/correctness';
import { fixtureFile, workspace } from './workspace';

after(disposeTypeCheckers);

test('strict errors are found at the tagged lines; unused locals are not errors', () => {
  const { file, text, expected } = fixtureFile('no-tsconfig', 'src/prices.ts');
  const findings = checkTypes(file, text, { workspaceRoot: workspace('no-tsconfig') });
  assert.deepEqual(findings.filter((f) => f.code === 2322).map((f) => f.line), expected.get('2322'));
  assert.deepEqual(findings.filter((f) => f.code === 7006).map((f) => f.line), expected.get('7006'));
  assert.equal(findings.filter((f) => f.code === 6133).length, 0);
});
