// 1,000 versions: the chart plots all of them, the table pages through them 100 at a time, and picking a
// point on the chart turns the table to that version's page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatedHistory } from '../fixtures/history/index';
import { canvasPixels, clickChartAt, historyMessage, openPanel } from './harness';
import { themes } from './themes';

test('a 1,000-version history: chart drawn, table paged, chart click turns the page', async () => {
  const panel = await openPanel();
  try {
    const view = generatedHistory(1000);
    await panel.send(historyMessage(view));
    const page = panel.page;
    const px = await canvasPixels(page, [themes.light.vars['--vscode-charts-blue']!]);
    assert.ok(px.matches[0]! > 500, `median line over 1,000 points: ${px.matches[0]} pixels`);
    const indices = (): Promise<string[]> => page.$$eval('#versions tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.index ?? ''));

    // The newest version is selected, so the last page shows.
    assert.deepEqual(await indices(), Array.from({ length: 100 }, (_, k) => String(900 + k)));
    assert.equal(await page.textContent('#pager span'), 'Versions 901–1000 of 1000');
    assert.equal(await page.getAttribute('#versions', 'aria-rowcount'), '1001');

    await page.click('button[aria-label="Previous 100 versions"]');
    assert.deepEqual(await indices(), Array.from({ length: 100 }, (_, k) => String(800 + k)));

    await clickChartAt(page, 42, view.versions.length);
    assert.equal(await page.textContent('#pager span'), 'Versions 1–100 of 1000');
    // At about 1 px per version the click lands on 42 give or take one.
    const chosen = Number(await page.getAttribute('#versions tbody tr[aria-selected="true"]', 'data-index'));
    assert.ok(Math.abs(chosen - 42) <= 1, `selected ${chosen}`);
    assert.match((await page.textContent('#details h2'))!, new RegExp(`— ${chosen + 1} of 1000$`));
    assert.equal(await page.isDisabled('button[aria-label="Previous 100 versions"]'), true);
    assert.deepEqual(panel.errors, []);
  } finally {
    await panel.close();
  }
});
