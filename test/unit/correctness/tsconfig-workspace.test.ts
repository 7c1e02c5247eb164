// In a workspace with a strict tsconfig, type errors inside functions are found at the right
// lines, and the tsconfig's own options (noUnusedLocals) apply.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTypes, disposeTypeCheckers } from '../../../server/src/analyze/correctness';
import { fixtureFile, workspace } from './workspace';

after(disposeTypeCheckers);

test('errors are reported at the tagged lines with their TypeScript codes', () => {
  const { file, text, expected } = fixtureFile('with-tsconfig', 'src/prices.ts');
  const findings = checkTypes(file, text, { workspaceRoot: workspace('with-tsconfig') });
  const got = new Map<string, number[]>();
  for (const f of findings) got.set(String(f.code), [...(got.get(String(f.code)) ?? []), f.line]);
  assert.deepEqual(got, expected);
});

test('offset, line and character point at the same place: the start of the faulty declaration', () => {
  const { file, text } = fixtureFile('with-tsconfig', 'src/prices.ts');
  const finding = checkTypes(file, text, { workspaceRoot: workspace('with-tsconfig') }).find((f) => f.code === 2322);
  assert.ok(finding);
  const lineText = text.split('\n')[finding.line - 1]!;
  assert.ok(text.startsWith('text', finding.offset));
  assert.equal(lineText.indexOf('text') + 1, finding.character);
  assert.match(finding.message, /number.*string/);
});
