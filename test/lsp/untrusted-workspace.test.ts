// Workspace trust: with `trusted: false` no benchmark runs (executeCommand refuses with a reason) and the
// lenses say why, while analysis keeps working; the perflens/trust notification turns benchmarks on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');

test('an untrusted workspace gets analysis but no benchmarks, until trust is granted', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ initializationOptions: { trusted: false } });
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);

  const diags = await lsp.diagnostics(uri, (d) => d.length > 0);
  assert.ok(diags.some((d) => d.code === 'perflens.security'), 'analysis still runs');
  const lenses = await lsp.codeLenses(uri);
  assert.equal(lenses.length, 3);
  for (const l of lenses) {
    assert.match(l.command!.title, /untrusted workspace/);
    assert.equal(l.command!.command, 'perflens.explainTrust');
  }
  const refused = (await lsp.connection.sendRequest('workspace/executeCommand', {
    command: 'perflens.server.benchmark',
    arguments: [{ uri, qualifiedName: 'sum' }],
  })) as { ok: boolean; message: string };
  assert.equal(refused.ok, false);
  assert.match(refused.message, /not trusted/);

  await lsp.connection.sendNotification('perflens/trust', { trusted: true });
  const after = await lsp.codeLenses(uri);
  assert.ok(after.every((l) => l.command!.command === 'perflens.server.benchmark' && /^▶ Benchmark/.test(l.command!.title)));
});
