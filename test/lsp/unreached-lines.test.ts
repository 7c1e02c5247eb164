// "inputs reach N of M blocks": the hover offers to show the lines no input ran, and the command shows
// them as faded hints (any LSP client renders them) and hides them again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectIsolation } from '../../server/src/profile/sandbox/isolation';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

// A number is never a string here, whatever the inputs: the block of lines 3–4 cannot run.
const text = `export function label(n: number): string {
  if (typeof (n as unknown) === 'string') {
    return 'impossible';
  }
  return n > 0 ? 'positive' : 'not positive';
}
`;

test('the never-run lines of a benchmarked function are shown on request and hidden again', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  // Coverage is measured only where the sandbox has OS isolation (docs/security.md).
  if (detectIsolation().tool === 'none') return t.skip('no OS isolation on this machine: no coverage to show');
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 100 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('label.ts', text);
  await lsp.diagnostics(uri);

  const before = await lsp.exec('perflens.server.toggleUnreachedLines', uri, { qualifiedName: 'label' });
  assert.equal(before.ok, false);
  assert.match(before.message, /benchmark it first/);

  const run = await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'label' });
  assert.equal(run.ok, true, run.message);
  const hover = (await lsp.hoverText(uri, text, 'export function label', 'label'))!;
  assert.match(hover, /never ran: lines 3–4\b/);
  assert.match(hover, /\[show them in the editor\]\(command:perflens\.server\.toggleUnreachedLines\?/);

  const shown = await lsp.exec('perflens.server.toggleUnreachedLines', uri, { qualifiedName: 'label' });
  assert.equal(shown.ok, true, shown.message);
  const faded = await lsp.diagnostics(uri, (d) => d.some((x) => x.code === 'perflens.unreached'));
  assert.deepEqual(faded.filter((x) => x.code === 'perflens.unreached').map((x) => [x.range.start.line, x.tags]), [[2, [1]], [3, [1]]]);

  const hidden = await lsp.exec('perflens.server.toggleUnreachedLines', uri, { qualifiedName: 'label' });
  assert.equal(hidden.ok, true, hidden.message);
  await lsp.diagnostics(uri, (d) => !d.some((x) => x.code === 'perflens.unreached'));
});
