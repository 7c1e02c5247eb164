// Column headers sort the table (missing values last) and say so with aria-sort.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('sorting by median orders rows by time, slowest first, then fastest first', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    const order = (): Promise<string[]> => panel.page.$$eval('#versions tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.index ?? ''));
    const ran = view.versions.map((v, i) => ({ i, m: v.medianNs })).filter((x) => x.m !== undefined);
    const missing = view.versions.flatMap((v, i) => (v.medianNs === undefined ? [String(i)] : []));
    const byMedian = (dir: 1 | -1): string[] => [...ran].sort((a, b) => (a.m! - b.m!) * dir || a.i - b.i).map((x) => String(x.i));

    await panel.page.click('button[aria-label="Sort by Median"]');
    assert.deepEqual(await order(), [...byMedian(-1), ...missing]);
    const th = panel.page.locator('th', { has: panel.page.locator('button[aria-label="Sort by Median"]') });
    assert.equal(await th.getAttribute('aria-sort'), 'descending');

    await panel.page.click('button[aria-label="Sort by Median"]');
    assert.deepEqual(await order(), [...byMedian(1), ...missing]);
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');
  } finally {
    await panel.close();
  }
});
