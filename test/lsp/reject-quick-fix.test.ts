// A slower edit against a baseline gets a REJECT from the rules engine (no LLM configured): the server
// publishes a perflens.reject diagnostic, offers "Accept with a note…" and "Set as baseline" for it, and
// accepting with a note replaces the REJECT so the diagnostic goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { CommandResult } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';
import { TOTAL as fast, SLOW_LOOP as slowBody } from './support/total';

test('a REJECT verdict becomes a diagnostic with quick fixes, and accepting clears it', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 300 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('total.ts', fast);
  await lsp.diagnostics(uri);
  const exec = (command: string, arg: object) =>
    lsp.connection.sendRequest('workspace/executeCommand', { command, arguments: [{ uri, ...arg }] }) as Promise<CommandResult>;

  const first = await exec('perflens.server.benchmark', { qualifiedName: 'total' });
  assert.equal(first.ok, true, first.message);
  const baseline = await exec('perflens.server.setBaseline', { qualifiedName: 'total', label: 'main' });
  assert.equal(baseline.ok, true, baseline.message);

  await lsp.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 31 } }, text: slowBody }]);
  const second = await exec('perflens.server.benchmark', { qualifiedName: 'total' });
  assert.equal(second.ok, true, second.message);
  assert.equal(second.results![0].verdict?.recommendation, 'REJECT', JSON.stringify(second.results![0].verdict));
  assert.equal(second.results![0].verdict?.source, 'rules');

  const isReject = (d: Diagnostic) => d.code === 'perflens.reject';
  const diags = await lsp.diagnostics(uri, (ds) => ds.some(isReject));
  const reject = diags.find(isReject)!;
  assert.equal(reject.range.start.line, 0);
  assert.match(reject.message, /^total is (\+\d+%|×[\d.]+) vs main .*REJECT/);

  const actions = (await lsp.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: reject.range,
    context: { diagnostics: [reject] },
  })) as CodeAction[];
  assert.deepEqual(actions.map((a) => a.title), ['Accept with a note…', 'Set as baseline']);
  assert.deepEqual(actions.map((a) => a.command!.command), ['perflens.server.acceptRegression', 'perflens.server.setBaseline']);
  assert.deepEqual(actions[0].command!.arguments, [{ uri, qualifiedName: 'total' }]);

  const accepted = await exec('perflens.server.acceptRegression', { qualifiedName: 'total', note: 'exactness over speed here' });
  assert.equal(accepted.ok, true, accepted.message);
  const after = await lsp.diagnostics(uri, (ds) => !ds.some(isReject));
  assert.equal(after.some(isReject), false);
  const lens = (await lsp.codeLenses(uri))[0];
  assert.match(lens.command!.title, /ACCEPT/);
});
