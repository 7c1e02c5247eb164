// Lenses do not jump while typing: right after an edit, and after the analysis of a half-typed line
// whose syntax error hides a function from the parser, every function keeps its lens, moved along
// with the lines inserted above it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const lines = text.split('\n');

const lensLines = async (lsp: Awaited<ReturnType<typeof startLsp>>, uri: string) =>
  Object.fromEntries(
    (await lsp.codeLenses(uri)).map((l) => [(l.command!.arguments![0] as { qualifiedName: string }).qualifiedName, l.range.start.line]),
  );

test('a half-typed statement keeps every lens, shifted by the inserted lines', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp();
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);
  const before = await lensLines(lsp, uri);
  assert.equal(Object.keys(before).length, 3);

  // Two new lines above everything, then a broken statement inside sum's body.
  await lsp.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a\n// b\n' }]);
  const bodyLine = lines.findIndex((l) => l.includes('let total = 0')) + 2;
  await lsp.change(uri, 3, [{ range: { start: { line: bodyLine, character: 0 }, end: { line: bodyLine, character: 0 } }, text: '  const x = (\n' }]);
  const published = lsp.publishCount(uri);
  const during = await lensLines(lsp, uri);
  assert.deepEqual(Object.keys(during).sort(), Object.keys(before).sort(), 'no lens disappears');
  assert.equal(during.sum, before.sum + 2);
  assert.equal(during['Parser.parse'], before['Parser.parse'] + 3);
  assert.equal(during.classify, before.classify + 3);

  // Once the broken text has been analysed (the parser lost `sum` there), the lenses are still the same.
  await lsp.publishedAfter(uri, published);
  assert.deepEqual(await lensLines(lsp, uri), during);

  // Finishing the statement gives a clean parse again, with the same positions.
  await lsp.change(uri, 4, [{ range: { start: { line: bodyLine, character: 13 }, end: { line: bodyLine, character: 13 } }, text: '1);' }]);
  assert.deepEqual(await lensLines(lsp, uri), during);
});
