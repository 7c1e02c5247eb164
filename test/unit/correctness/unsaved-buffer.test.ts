// The text passed in is what gets checked, not the file on disk, and each new text is
// re-checked on the warm program.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkTypes, disposeTypeCheckers, releaseBuffer } from '../../../server/src/analyze/correctness';
import { fixtureFile, workspace } from './workspace';

after(disposeTypeCheckers);

const options = { workspaceRoot: workspace('with-tsconfig') };

test('a buffer that fixes the errors on disk has none; one that adds an error has it', () => {
  const { file, text } = fixtureFile('with-tsconfig', 'src/prices.ts');
  assert.ok(checkTypes(file, text, options).length > 0, 'the file on disk has errors');

  const fixed = text.replace(/^.*expect: 6133.*$/m, '').replace('const text: string = price;', 'const text: string = String(price);');
  assert.deepEqual(checkTypes(file, fixed, options), []);

  const broken = fixed.replace('return roundTo(sum, 2);', "return roundTo(sum, '2');");
  const findings = checkTypes(file, broken, options);
  const brokenLine = broken.split('\n').findIndex((l) => l.includes("roundTo(sum, '2')")) + 1;
  assert.deepEqual(findings.map((f) => [f.code, f.line]), [[2345, brokenLine]]);

  assert.equal(readFileSync(file, 'utf8'), text, 'the file on disk is untouched');
});

test('a buffer for a file that does not exist on disk is checked too', () => {
  const file = `${workspace('with-tsconfig')}/src/not-saved-yet.ts`;
  const findings = checkTypes(file, "import { roundTo } from './round';\nexport const r: string = roundTo(1, 2);\n", options);
  assert.deepEqual(findings.map((f) => [f.code, f.line]), [[2322, 2]]);
});

test('an unsaved buffer is seen by the files importing it until releaseBuffer', () => {
  const round = fixtureFile('with-tsconfig', 'src/round.ts');
  const prices = fixtureFile('with-tsconfig', 'src/prices.ts');
  const tagged = [...prices.expected.keys()].sort();
  const codes = () => checkTypes(prices.file, prices.text, options).map((f) => String(f.code)).sort();

  // roundTo now returns a string in the buffer: total() in prices.ts no longer type-checks.
  const broken = round.text
    .replace('digits: number): number {', 'digits: number): string {')
    .replace('return Math.round(value * f) / f;', 'return String(Math.round(value * f) / f);');
  assert.deepEqual(checkTypes(round.file, broken, options), []);
  assert.deepEqual(codes(), [...tagged, '2322'].sort());

  releaseBuffer(round.file);
  assert.deepEqual(codes(), tagged);
});
