// perflens.runOnSave: saving re-benchmarks only the functions whose code changed since their last run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandResult, RunStateNotification } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const lines = text.split('\n');

test('on save, the edited benchmarked function runs again and the others do not', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { runOnSave: true, benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);
  const exec = (qualifiedName: string) =>
    lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.benchmark', arguments: [{ uri, qualifiedName }] }) as Promise<CommandResult>;
  assert.equal((await exec('sum')).ok, true);
  assert.equal((await exec('classify')).ok, true);

  const started: string[] = [];
  const finished = new Promise<string>((resolve) =>
    lsp.connection.onNotification('perflens/runState', (p: RunStateNotification.Params) => {
      if (p.running) started.push(p.running.qualifiedName);
      else if (p.last) resolve(p.last.qualifiedName);
    }),
  );
  const line = lines.findIndex((l) => l.includes('let total = 0'));
  await lsp.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '  const unused = values.length;\n' }]);
  await lsp.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  assert.equal(await finished, 'sum');
  assert.deepEqual([...new Set(started)], ['sum']);
});
