// Clicking a chart point or a table row shows that version's details, and "Diff against baseline" asks
// the host for a diff of exactly that version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { clickChartAt, historyMessage, openPanel } from './harness';

test('clicking a point shows its stats and verdict, and the diff button posts its id', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    const reject = view.versions.findIndex((v) => v.verdict?.recommendation === 'REJECT');
    await clickChartAt(panel.page, reject, view.versions.length);
    const v = view.versions[reject]!;
    assert.match((await panel.page.textContent('#details h2'))!, new RegExp(`^Version ${v.commit} — ${reject + 1} of ${view.versions.length}$`));
    assert.equal(await panel.page.textContent('#details .badge'), 'REJECT');
    assert.equal(await panel.page.textContent('#details .reasoning'), v.verdict!.reasoning);
    assert.equal(await panel.page.getAttribute(`#versions tbody tr[data-index="${reject}"]`, 'aria-selected'), 'true');

    await panel.page.click('#diff-baseline');
    const posted = await panel.posted();
    assert.deepEqual(posted.at(-1), { type: 'openDiff', versionId: v.id });
  } finally {
    await panel.close();
  }
});

test('the baseline version cannot be diffed against itself', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    const base = view.versions.findIndex((v) => v.baselines.length > 0);
    await panel.page.click(`#versions tbody tr[data-index="${base}"]`);
    assert.equal(await panel.page.isDisabled('#diff-baseline'), true);
    assert.match((await panel.page.textContent('#details .actions'))!, /This version is the baseline/);
  } finally {
    await panel.close();
  }
});
