// A function without stored runs gets a sentence saying what to do, not an empty chart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPanel } from './harness';

test('no stored runs: the page says how to record one and hides the chart', async () => {
  const panel = await openPanel();
  try {
    await panel.send({ type: 'history', target: { uri: 'file:///w/a.ts', qualifiedName: 'slugify' }, view: null, functions: [] });
    assert.equal(await panel.page.textContent('#status'), 'No runs are stored for slugify yet. Run ▶ Benchmark above the function to record one.');
    assert.equal(await panel.page.isHidden('#chart-panel'), true);
    assert.equal(await panel.page.locator('#versions tbody tr').count(), 0);
    assert.equal(await panel.page.textContent('#function-picker option'), 'slugify');
    assert.deepEqual(panel.errors, []);
  } finally {
    await panel.close();
  }
});
