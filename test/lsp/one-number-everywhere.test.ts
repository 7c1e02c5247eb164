// One number for one run: after a comparison with the baseline, the toast, the lens, the hover and the
// panel show the same median for the judged version, growth appears in the hover and the panel alike,
// and the baseline's own figures in the panel are not replaced by the comparison's interleaved run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryView } from '../../server/src/protocol';
import { formatNs } from '../../server/src/format';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';
import { TOTAL as fast, SLOW_TOTAL as slow } from './support/total';

test('toast, lens, hover and panel agree on the judged run; the baseline keeps its own figures', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 300 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('total.ts', fast);
  await lsp.diagnostics(uri);

  const first = (await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'total' })).results![0]!;
  assert.equal(first.ok, true, first.error);
  assert.equal((await lsp.exec('perflens.server.setBaseline', uri, { qualifiedName: 'total', label: 'main' })).ok, true);
  const before = lsp.publishCount(uri);
  await lsp.change(uri, 2, [{ text: slow }]);
  await lsp.publishedAfter(uri, before);
  const judged = (await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'total' })).results![0]!;
  assert.equal(judged.ok, true, judged.error);
  assert.ok(judged.verdict && judged.change !== undefined, 'compared with the baseline');

  const view = (await lsp.connection.sendRequest('perflens/history', { uri, qualifiedName: 'total' })) as HistoryView;
  const base = view.versions.find((v) => v.baselines.includes('main'))!;
  const current = view.versions.find((v) => !v.baselines.includes('main'))!;
  assert.equal(base.medianNs, first.medianNs, 'the baseline shows its own run, not the interleaved one');
  assert.equal(current.medianNs, judged.medianNs, 'the panel shows the toast\'s median');
  assert.equal(current.verdict?.recommendation, judged.verdict.recommendation);

  const hover = (await lsp.hoverText(uri, slow, 'export function total', 'total'))!;
  assert.ok(hover.includes(`Median **${formatNs(judged.medianNs!)}**`), hover);
  assert.equal(hover.includes(`growth ${current.growthOrder}`), current.growthOrder !== undefined, `growth in the hover iff in the panel:\n${hover}`);
  assert.doesNotMatch(hover, /before your latest edit/);
  assert.equal(await lsp.lensTitle(uri, 'total'), judged.title, 'the lens shows what the toast said');
});
