// The page runs under CSP `default-src 'none'` with a nonce'd script, and nothing it does violates it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { clickChartAt, historyMessage, openPanel } from './harness';
import { themes } from './themes';

test('loading, rendering and using the panel raises no CSP violation', async () => {
  const panel = await openPanel();
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    await clickChartAt(panel.page, 3, view.versions.length);
    await panel.page.click('#tab-alloc');
    await panel.page.click('#tab-complexity');
    await panel.page.click('button[aria-label="Sort by Verdict"]');
    await panel.page.click('#versions tbody tr:nth-child(2)');
    await panel.setTheme(themes.highContrast);
    await panel.page.click('#export-json');
    assert.deepEqual(await panel.violations(), []);
    assert.deepEqual(panel.errors, []);
    const csp = await panel.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp!, /^default-src 'none';/);
    assert.match(csp!, /script-src 'nonce-[^']+'/);
  } finally {
    await panel.close();
  }
});

test('the violation listener does catch an inline script the policy forbids', async () => {
  const panel = await openPanel();
  try {
    await panel.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ranInline = true;';
      document.head.appendChild(s);
    });
    await panel.page.waitForFunction(() => (window as unknown as { __csp: unknown[] }).__csp.length > 0);
    const v = await panel.violations();
    assert.equal(v[0]!.violatedDirective, 'script-src-elem');
    assert.equal(await panel.page.evaluate(() => (window as unknown as { __ranInline?: boolean }).__ranInline), undefined);
  } finally {
    await panel.close();
  }
});
