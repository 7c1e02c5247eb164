// Settings are cached per file and re-read after workspace/didChangeConfiguration: a lower threshold
// sent as a configuration change produces the complexity diagnostic without reopening the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');

test('a configuration change clears the settings cache and re-analyses open files', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { complexity: { cyclomaticThreshold: 50 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);
  const before = await lsp.diagnostics(uri, (d) => d.length > 0);
  assert.equal(before.filter((d) => d.code === 'perflens.complexity').length, 0);
  const asked = lsp.configRequests.length;

  lsp.settings = { '*': { complexity: { cyclomaticThreshold: 3 } } };
  await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const after = await lsp.diagnostics(uri, (d) => d.some((x) => x.code === 'perflens.complexity'));
  assert.deepEqual(
    after.filter((d) => d.code === 'perflens.complexity').map((d) => /^(\S+)/.exec(d.message)![1]).sort(),
    ['classify'],
  );
  assert.ok(lsp.configRequests.length > asked, 'settings were pulled again after the change');
});
