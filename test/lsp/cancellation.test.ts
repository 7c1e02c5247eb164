// Cancelling a running benchmark ($/cancelRequest on the executeCommand request) stops it: the request
// ends long before its time budget, reporting the cancellation, and the function is free to run again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CommandResult, RunStateNotification } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/slow.ts'), 'utf8');
// Long enough that only a working cancellation can end the run in under half of it, even on a busy machine.
const BUDGET_MS = 120_000;

test('a cancelled benchmark stops well before its budget and reports the cancellation', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: BUDGET_MS, timeoutMs: 2 * BUDGET_MS } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('slow.ts', text);
  await lsp.diagnostics(uri);

  const running = new Promise<void>((resolve) =>
    lsp.connection.onNotification('perflens/runState', (p: RunStateNotification.Params) => p.running && resolve()),
  );
  const source = new CancellationTokenSource();
  const started = Date.now();
  const request = lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.benchmark', arguments: [{ uri, qualifiedName: 'slow' }] }, source.token) as Promise<CommandResult>;
  await running;
  source.cancel();
  const outcome = await request.then(
    (r) => ({ result: r }),
    (e: unknown) => ({ error: e }),
  );
  const elapsed = Date.now() - started;
  assert.ok(elapsed < BUDGET_MS / 2, `the benchmark went on for ${elapsed} ms after cancellation`);
  if ('error' in outcome) {
    assert.ok(outcome.error instanceof ResponseError && outcome.error.code === -32800, `unexpected error ${String(outcome.error)}`);
  } else {
    assert.equal(outcome.result.ok, false);
    assert.match(outcome.result.results?.[0]?.error ?? outcome.result.message, /cancel/i);
  }
  // Nothing is left marked as running: the lens offers the benchmark again.
  const lens = (await lsp.codeLenses(uri))[0];
  assert.doesNotMatch(lens.command!.title, /Benchmarking…/);
});
