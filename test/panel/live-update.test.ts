// When a run lands the host sends the function's history again: the page shows the new version and keeps
// the user's selection; switching to another function selects that function's newest version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory, generatedHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('a refreshed history adds the new version and keeps the selection', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    await panel.page.click('#versions tbody tr[data-index="3"]');

    const newer = basicHistory();
    newer.versions.push({ ...newer.versions.at(-1)!, id: 'v-new', commit: 'feed123', medianNs: 39_000, ci95Ns: [38_000, 40_500] });
    await panel.send(historyMessage(newer));
    assert.equal(await panel.page.locator('#versions tbody tr').count(), view.versions.length + 1);
    assert.equal(await panel.page.getAttribute('#versions tbody tr[aria-selected="true"]', 'data-index'), '3');
    assert.match((await panel.page.textContent('#status'))!, new RegExp(`^${view.versions.length + 1} versions`));

    const other = generatedHistory(30);
    await panel.send(historyMessage(other));
    assert.equal(await panel.page.getAttribute('#versions tbody tr[aria-selected="true"]', 'data-index'), '29');
    assert.equal(await panel.page.textContent('#title'), `Performance history: ${other.qualifiedName}`);
  } finally {
    await panel.close();
  }
});
