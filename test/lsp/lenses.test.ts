// textDocument/codeLens: one "▶ Benchmark" lens per function, on the line where the function starts,
// running the server's benchmark command with the function's qualified name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

test('every function gets a benchmark lens at its first line', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp();
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);
  const lenses = await lsp.codeLenses(uri);
  const byName = new Map(lenses.map((l) => [(l.command!.arguments![0] as { qualifiedName: string }).qualifiedName, l]));
  assert.deepEqual([...byName.keys()].sort(), ['Parser.parse', 'classify', 'sum']);
  assert.equal(byName.get('sum')!.range.start.line, lineOf('export function sum'));
  assert.equal(byName.get('Parser.parse')!.range.start.line, lineOf('parse(input'));
  assert.equal(byName.get('classify')!.range.start.line, lineOf('export const classify'));
  for (const lens of lenses) {
    assert.match(lens.command!.title, /^▶ Benchmark/);
    assert.equal(lens.command!.command, 'perflens.server.benchmark');
    assert.equal((lens.command!.arguments![0] as { uri: string }).uri, uri);
  }
});
