// Diagnostics after analysis: security findings by severity and complexity over the threshold, each with
// the PerfLens code; thresholds are read per file (workspace/configuration with the file's scopeUri).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const lines = text.split('\n');

test('security and complexity diagnostics carry codes, severities and the per-file threshold', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp();
  t.after(() => lsp.close());
  // Same text in two files; only the first has a low complexity threshold.
  lsp.settings = { [pathToFileURL(path.join(lsp.workspace, 'strict.ts')).href]: { complexity: { cyclomaticThreshold: 5 } } };
  const strict = await lsp.open('strict.ts', text);
  const relaxed = await lsp.open('relaxed.ts', text);

  const strictDiags = await lsp.diagnostics(strict, (d) => d.length > 0);
  const security = strictDiags.filter((d) => d.code === 'perflens.security');
  assert.equal(security.length, 1);
  assert.equal(security[0].severity, DiagnosticSeverity.Error);
  assert.equal(security[0].range.start.line, lines.findIndex((l) => l.includes('eval(')));
  assert.match(security[0].message, /no-eval/);
  const complexity = strictDiags.filter((d) => d.code === 'perflens.complexity');
  assert.equal(complexity.length, 1);
  assert.equal(complexity[0].severity, DiagnosticSeverity.Information);
  assert.equal(complexity[0].range.start.line, lines.findIndex((l) => l.includes('export const classify')));
  assert.match(complexity[0].message, /cyclomatic 7 \(limit 5\)/);
  assert.ok(strictDiags.every((d) => d.source === 'perflens'));

  const relaxedDiags = await lsp.diagnostics(relaxed, (d) => d.length > 0);
  assert.deepEqual(relaxedDiags.map((d) => d.code), ['perflens.security']);
  assert.ok(lsp.configRequests.some((r) => r.scopeUri === strict && r.section === 'perflens'));
  assert.ok(lsp.configRequests.some((r) => r.scopeUri === relaxed && r.section === 'perflens'));
});
