// The history panel's requests: after a benchmark, perflens/history returns the function's stored
// version with its median, perflens/historyFunctions lists it, and perflens/versionSource gives its code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandResult, HistoryFunctionEntry, HistoryView } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';
import { selectEngine } from '../../server/src/history/db';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');

test('a benchmarked function has a history, a picker entry and a stored source', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);
  assert.equal(await lsp.connection.sendRequest('perflens/history', { uri, qualifiedName: 'sum' }), null);

  const run = (await lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.benchmark', arguments: [{ uri, qualifiedName: 'sum' }] })) as CommandResult;
  assert.equal(run.ok, true, run.message);

  const view = (await lsp.connection.sendRequest('perflens/history', { uri, qualifiedName: 'sum' })) as HistoryView;
  assert.equal(view.qualifiedName, 'sum');
  assert.equal(view.versions.length, 1);
  assert.equal(view.versions[0].medianNs, run.results![0].medianNs);
  // The panel can say which SQLite engine holds the history: the one this Node and environment select.
  const engine = selectEngine();
  assert.equal(view.engine, engine.ok ? engine.name : undefined);

  const entries = (await lsp.connection.sendRequest('perflens/historyFunctions', {})) as HistoryFunctionEntry[];
  assert.deepEqual(entries.map((e) => [e.uri, e.qualifiedName, e.versionCount]), [[uri, 'sum', 1]]);

  const source = (await lsp.connection.sendRequest('perflens/versionSource', { functionId: view.functionId, versionId: view.versions[0].id })) as { source: string };
  assert.match(source.source, /^export function sum\(values: number\[\]\): number \{/);
  assert.equal(await lsp.connection.sendRequest('perflens/versionSource', { functionId: 'other', versionId: view.versions[0].id }), null);
});
