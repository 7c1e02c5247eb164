// Per-line cost over LSP, as any client (Neovim included) gets it: after a benchmark, textDocument/inlayHint
// returns `NN% · t/call` at the end of the hot line, a hover on that line explains self vs total time and
// allocation, and perflens.server.toggleLineCosts hides and shows the hints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import type { CommandResult } from '../../server/src/protocol';
import { startLsp } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lines/hot.js'), 'utf8');
const lines = text.split('\n');

test('inlay hints show the hot line of a benchmarked function; hover and toggle work', { timeout: 120_000 }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 300 } } } });
  t.after(() => lsp.close());
  assert.deepEqual((lsp.initializeResult.capabilities as { inlayHintProvider?: unknown }).inlayHintProvider, { resolveProvider: false });
  const uri = await lsp.open('hot.js', text, 'javascript');
  await lsp.diagnostics(uri);
  const range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  const hints = async () => (await lsp.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })) as InlayHint[];
  assert.deepEqual(await hints(), [], 'no hints before a benchmark');

  const result = (await lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.benchmark', arguments: [{ uri, qualifiedName: 'joinAll' }] })) as CommandResult;
  assert.equal(result.ok, true, result.message);

  const hot = lines.findIndex((l) => l.includes('parts.push('));
  const got = await hints();
  assert.ok(got.length >= 1 && got.length <= 5, `${got.length} hints`);
  const first = got.find((h) => h.position.line === hot);
  assert.ok(first, `a hint on line ${hot + 1}: ${JSON.stringify(got.map((h) => [h.position.line, h.label]))}`);
  assert.equal(first.position.character, lines[hot]!.length, 'at the end of the line');
  assert.match(String(first.label), /^\d+(\.\d)?% · [\d.]+ (ns|µs|ms)\/call$/);

  const hover = await lsp.hover(uri, hot, 6);
  const value = (hover!.contents as MarkupContent).value;
  assert.match(value, /Self: \*\*[\d.]+ (ns|µs|ms)\/call\*\*/);
  assert.match(value, /Total per call of the benchmarked function: [\d.]+ (ns|µs|ms)/);
  assert.match(value, /Allocated here: ~[\d.]+ (B|KB|MB)\/call/);

  const off = (await lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.toggleLineCosts', arguments: [] })) as CommandResult;
  assert.equal(off.ok, true);
  assert.deepEqual(await hints(), []);
  await lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.toggleLineCosts', arguments: [] });
  assert.ok((await hints()).length >= 1);
});
