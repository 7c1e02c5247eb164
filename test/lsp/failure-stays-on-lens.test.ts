// Failures are runs too: a function that always throws keeps its ⚠ lens and its "failed" hover after
// another function of the file is benchmarked, and the panel shows the failure on its version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryView } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = `export function boom(n: number): number {
  throw new Error('always broken: ' + n);
}

export function fine(xs: number[]): number {
  return xs.length;
}
`;

test('a failed benchmark stays on its lens and hover until that function runs again', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('two.ts', text);
  await lsp.diagnostics(uri);

  const failed = await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'boom' });
  assert.equal(failed.ok, false);
  assert.match(failed.results![0]!.error!, /always broken/);
  assert.equal(await lsp.lensTitle(uri, 'boom'), '⚠ throws · ▶ re-run');

  const other = await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'fine' });
  assert.equal(other.ok, true, other.message);

  assert.equal(await lsp.lensTitle(uri, 'boom'), '⚠ throws · ▶ re-run');
  const hover = (await lsp.hoverText(uri, text, 'export function boom', 'boom'))!;
  assert.match(hover, /Last benchmark failed \(throws\):\s+boom threw for every one of \d+ inputs.*always broken/s);
  assert.doesNotMatch(hover, /Not benchmarked yet/);

  const view = (await lsp.connection.sendRequest('perflens/history', { uri, qualifiedName: 'boom' })) as HistoryView;
  assert.equal(view.versions.length, 1);
  assert.equal(view.versions[0]!.failure?.kind, 'throws');
  assert.equal(view.versions[0]!.medianNs, undefined);
});
