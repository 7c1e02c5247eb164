// The page's state (function, data, tab, sort, selection) survives a reload, as when VS Code hides and
// shows the panel or reloads the window, and the page tells the host which function it showed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('after a reload the page redraws from its saved state before the host answers', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    const message = historyMessage(view);
    await panel.send(message);
    await panel.page.click('#versions tbody tr[data-index="4"]');
    await panel.page.click('#tab-alloc');
    await panel.page.click('button[aria-label="Sort by Median"]');

    await panel.page.reload();
    await panel.page.waitForFunction(() => performance.getEntriesByName('perflens:render').length > 0);
    assert.equal(await panel.page.locator('#versions tbody tr').count(), view.versions.length);
    assert.equal(await panel.page.getAttribute('#tab-alloc', 'aria-selected'), 'true');
    assert.equal(await panel.page.getAttribute('#versions tbody tr[aria-selected="true"]', 'data-index'), '4');
    const th = panel.page.locator('th', { has: panel.page.locator('button[aria-label="Sort by Median"]') });
    assert.equal(await th.getAttribute('aria-sort'), 'descending');
    assert.deepEqual((await panel.posted())[0], { type: 'ready', target: message.type === 'history' ? message.target : undefined });
  } finally {
    await panel.close();
  }
});
