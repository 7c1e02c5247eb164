// The panel works without a mouse: arrow keys step through versions on the chart and in the table,
// and through the metric tabs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('arrow keys move the selection on the chart, in the table and across tabs', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    const n = view.versions.length;
    await panel.send(historyMessage(view));
    const selected = (): Promise<string | null> =>
      panel.page.evaluate(() => document.querySelector('#versions tbody tr[aria-selected="true"]')?.getAttribute('data-index') ?? null);
    assert.equal(await selected(), String(n - 1), 'the newest version is selected at first');

    await panel.page.focus('#chart');
    await panel.page.keyboard.press('ArrowLeft');
    await panel.page.keyboard.press('ArrowLeft');
    assert.equal(await selected(), String(n - 3));
    await panel.page.keyboard.press('Home');
    assert.equal(await selected(), '0');

    await panel.page.focus('#versions tbody tr[data-index="0"]');
    await panel.page.keyboard.press('ArrowDown');
    assert.equal(await selected(), '1');
    assert.equal(await panel.page.evaluate(() => document.activeElement?.getAttribute('data-index')), '1', 'focus follows');
    assert.match((await panel.page.textContent('#details h2'))!, new RegExp(`^Version ${view.versions[1]!.commit} `));

    await panel.page.focus('#tab-time');
    await panel.page.keyboard.press('ArrowRight');
    assert.equal(await panel.page.getAttribute('#tab-alloc', 'aria-selected'), 'true');
    assert.match((await panel.page.getAttribute('#chart', 'aria-label'))!, /^Allocated bytes per call for 17 versions/);
  } finally {
    await panel.close();
  }
});
