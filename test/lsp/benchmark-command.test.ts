// workspace/executeCommand perflens.server.benchmark runs a real benchmark (sandboxed child, SQLite history
// in the temporary workspace): the result carries the median, progress and run state are reported, and
// the function's lens and hover then show the measured time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { CommandResult, RunStateNotification } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const lines = text.split('\n');

test('benchmarking a function returns its median and updates its lens and hover', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 300 } } } });
  t.after(() => lsp.close());
  const states: RunStateNotification.Params[] = [];
  lsp.connection.onNotification('perflens/runState', (p: RunStateNotification.Params) => states.push(p));
  const uri = await lsp.open('sample.ts', text);
  await lsp.diagnostics(uri);

  const result = (await lsp.connection.sendRequest('workspace/executeCommand', {
    command: 'perflens.server.benchmark',
    arguments: [{ uri, qualifiedName: 'sum' }],
  })) as CommandResult;
  assert.equal(result.ok, true, result.message);
  const summary = result.results![0];
  assert.equal(summary.qualifiedName, 'sum');
  assert.ok(summary.medianNs! > 0);
  assert.ok(states.some((s) => s.running?.qualifiedName === 'sum'), 'a running state was announced');
  assert.equal(states.at(-1)?.last?.qualifiedName, 'sum');

  const lens = (await lsp.codeLenses(uri)).find((l) => (l.command!.arguments![0] as { qualifiedName: string }).qualifiedName === 'sum')!;
  assert.match(lens.command!.title, /^\d+(\.\d+)? (ns|µs|ms|s)\b/);
  const line = lines.findIndex((l) => l.includes('export function sum'));
  const hover = await lsp.hover(uri, line, lines[line].indexOf('sum') + 1);
  assert.match((hover!.contents as MarkupContent).value, /Median \*\*\d/);
});
