// The page checks every message from the host: malformed ones change nothing; errors show as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('a malformed history is ignored, an error message is shown as text', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    const renders = await panel.renderCount();
    const broken = historyMessage(basicHistory()) as { view: { versions: Array<{ medianNs?: unknown }> } };
    broken.view.versions[0]!.medianNs = '<b>fast</b>';
    const warned = panel.page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().includes('malformed message'));
    await panel.page.evaluate((m) => window.postMessage(m, '*'), broken);
    await warned;
    assert.equal(await panel.renderCount(), renders, 'nothing was re-rendered');
    assert.equal(await panel.page.locator('#versions tbody tr').count(), view.versions.length);

    await panel.send({ type: 'error', message: 'Could not load <i>history</i>' });
    await panel.page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('Could not load'));
    assert.equal(await panel.page.textContent('#status'), 'Could not load <i>history</i>');
    assert.equal(await panel.page.locator('#status i').count(), 0);
  } finally {
    await panel.close();
  }
});
