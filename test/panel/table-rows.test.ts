// The table under the chart lists every version, in history order, with its values as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('the table has one row per version with its commit, median and verdict', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    const rows = await panel.page.$$eval('#versions tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
    const headers = await panel.page.$$eval('#versions thead th', (ths) => ths.map((th) => th.textContent ?? ''));
    const col = (name: string): number => headers.findIndex((h) => h.replace(/ [▲▼]$/, '') === name);
    assert.equal(rows.length, view.versions.length);
    view.versions.forEach((v, i) => {
      const row = rows[i]!;
      assert.equal(row[col('#')], String(i + 1));
      assert.equal(row[col('Version')], v.commit!.slice(0, 7));
      assert.equal(row[col('Verdict')], v.verdict?.recommendation ?? '—');
      assert.equal(row[col('Baseline')], v.baselines.join(', '));
      // The version that never ran shows a dash, not 0 or NaN.
      if (v.medianNs === undefined) assert.equal(row[col('Median')], '—');
      else assert.match(row[col('Median')]!, /^\d+(\.\d+)? µs$/);
    });
  } finally {
    await panel.close();
  }
});
