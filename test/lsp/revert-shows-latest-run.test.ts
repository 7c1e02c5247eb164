// Stale after a revert: benchmark → baseline → slower edit → benchmark (judged) → revert the text to the
// baseline's → benchmark twice. The lens, the hover, the toast, the panel and the CLI then all show the latest
// run of the code on screen: no "(before edit)", no change against the baseline, no REJECT diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { HistoryView } from '../../server/src/protocol';
import { formatNs } from '../../server/src/format';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';
import { TOTAL as fast, SLOW_TOTAL as slow } from './support/total';

test('after reverting to the baseline and benchmarking, every surface shows that run as current', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 300 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('total.ts', fast);
  await lsp.diagnostics(uri);
  const bench = async () => {
    const r = await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'total' });
    assert.equal(r.ok, true, r.message);
    return r.results![0]!;
  };
  const edit = async (version: number, text: string) => {
    const before = lsp.publishCount(uri);
    await lsp.change(uri, version, [{ text }]);
    await lsp.publishedAfter(uri, before); // analysed: the lens knows the new content hash
  };

  await bench();
  assert.equal((await lsp.exec('perflens.server.setBaseline', uri, { qualifiedName: 'total', label: 'main' })).ok, true);
  await edit(2, slow);
  const judged = await bench();
  assert.ok(judged.verdict, 'the slower edit was compared with the baseline');
  assert.equal(judged.baselineLabel, 'main');

  await edit(3, fast);
  await bench();
  const latest = await bench();
  assert.equal(latest.change, undefined, 'the code on screen is the baseline: nothing to compare');
  assert.equal(latest.verdict, undefined);

  const median = formatNs(latest.medianNs!);
  const lens = (await lsp.lensTitle(uri, 'total'))!;
  assert.ok(lens.startsWith(median), `lens "${lens}" shows the latest run ${median}`);
  assert.doesNotMatch(lens, /before edit|vs main|REJECT/);
  assert.equal(latest.title, lens, 'the toast carries the lens title');

  const hover = (await lsp.hoverText(uri, fast, 'export function total', 'total'))!;
  assert.ok(hover.includes(`Median **${median}**`), hover);
  assert.doesNotMatch(hover, /before your latest edit|vs \*\*main\*\*|REJECT/);

  const diagnostics = await lsp.diagnostics(uri);
  assert.ok(!diagnostics.some((d) => d.code === 'perflens.reject'), JSON.stringify(diagnostics));

  const view = (await lsp.connection.sendRequest('perflens/history', { uri, qualifiedName: 'total' })) as HistoryView;
  const onScreen = view.versions.find((v) => v.baselines.includes('main'))!;
  assert.equal(onScreen.medianNs, latest.medianNs, 'the panel shows the same run');
  assert.equal(view.versions.length, 2);

  // The CLI reads the same history: `baseline show` gives the baseline's (the code on screen's) latest run.
  const cli = spawnSync(process.execPath, [path.join(__dirname, '../../bin/perflens.js'), 'baseline', 'show', lsp.workspace, '--db', path.join(lsp.workspace, '.perflens', 'history.db'), '--json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const row = (JSON.parse(cli.stdout) as { function: string; label: string; medianNs: number | null }[]).find((r) => r.function === 'total' && r.label === 'main');
  assert.equal(row?.medianNs, latest.medianNs, 'the CLI shows the same run');
});
