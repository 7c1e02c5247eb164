// The function picker and the export buttons ask the host, by typed message, for another function or a file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HostToPanelMessage } from '../../server/src/protocol';
import { basicHistory } from '../fixtures/history/index';
import { openPanel } from './harness';

test('choosing a function posts selectFunction; Export posts the format', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    const shown = { uri: 'file:///w/src/csv/parse.ts', qualifiedName: view.qualifiedName };
    const other = { uri: 'file:///w/src/util.ts', qualifiedName: 'slugify' };
    const message: HostToPanelMessage = {
      type: 'history',
      target: shown,
      view,
      functions: [
        { ...shown, file: 'src/csv/parse.ts', versionCount: view.versions.length },
        { ...other, file: 'src/util.ts', versionCount: 3 },
      ],
    };
    await panel.send(message);
    const options = await panel.page.$$eval('#function-picker option', (os) => os.map((o) => [o.textContent, (o as HTMLOptionElement).selected]));
    assert.deepEqual(options, [
      [`${view.qualifiedName} — src/csv/parse.ts (17 versions)`, true],
      ['slugify — src/util.ts (3 versions)', false],
    ]);
    await panel.page.selectOption('#function-picker', { label: 'slugify — src/util.ts (3 versions)' });
    await panel.page.click('#export-csv');
    await panel.page.click('#export-json');
    const posted = await panel.posted();
    assert.deepEqual(posted.slice(-3), [
      { type: 'selectFunction', target: other },
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'json' },
    ]);
  } finally {
    await panel.close();
  }
});
