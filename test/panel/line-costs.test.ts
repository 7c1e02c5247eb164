// The history panel's cost-per-line section in headless Chromium: an icicle whose blocks are sized by
// their share, the per-line table, the per-line difference with the added line first, no CSP violation,
// and screenshots in light and dark themes under test-output/panel/.
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { HostToPanelMessage, LineCostsView } from '../../server/src/protocol';
import { basicHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';
import { themes } from './themes';

const OUT = join(__dirname, '..', '..', 'test-output', 'panel');
const file = '/w/src/parse.ts';

const lines: LineCostsView = {
  qualifiedName: 'parseOrders',
  medianNs: 5600,
  lines: [
    { file, line: 17, selfPct: 52.4, selfNsPerCall: 2934, allocBytesPerCall: 1900, text: 'const copy = JSON.parse(JSON.stringify(doc));', function: 'parseOrders' },
    { file, line: 12, selfPct: 21.7, selfNsPerCall: 1215, allocBytesPerCall: 0, text: 'for (const o of orders) total += o.qty * o.price;', function: 'parseOrders' },
    { file, line: 31, selfPct: 12.1, selfNsPerCall: 678, allocBytesPerCall: 320, text: 'return s.trim().toLowerCase();', function: 'normalise' },
    { file, line: 13, selfPct: 2.2, selfNsPerCall: 123, allocBytesPerCall: 0, text: 'if (!o) continue;', function: 'parseOrders' },
  ],
  callees: [
    { name: 'normalise', file, selfPct: 12.1 },
    { name: 'node', package: 'node', selfPct: 6.5 },
    { name: '(garbage collector)', selfPct: 4.9 },
  ],
  changes: [
    { file, line: 17, text: 'const copy = JSON.parse(JSON.stringify(doc));', baselineNsPerCall: 0, currentNsPerCall: 2934, deltaNsPerCall: 2934, status: 'new' },
    { file, line: 12, text: 'for (const o of orders) total += o.qty * o.price;', baselineNsPerCall: 1100, currentNsPerCall: 1215, deltaNsPerCall: 115, status: 'changed' },
  ],
};

/** The basic history with line costs attached. */
function withLines(): HostToPanelMessage {
  const m = historyMessage(basicHistory());
  return m.type === 'history' ? { ...m, lines } : m;
}

test('line costs: icicle, tables and the per-line difference, in light and dark themes', async () => {
  mkdirSync(OUT, { recursive: true });
  const panel = await openPanel({ theme: themes.light, viewport: { width: 1100, height: 1000 } });
  try {
    await panel.send(withLines());
    const section = panel.page.locator('#line-costs');
    assert.equal(await section.isVisible(), true);
    const rows = await panel.page.$$eval('#line-costs .icicle-row', (rs) => rs.map((r) => Array.from(r.children).map((b) => ({ cls: b.className, width: (b as HTMLElement).getBoundingClientRect().width, label: b.getAttribute('aria-label') ?? '' }))));
    assert.equal(rows.length, 3, 'call, functions and packages, lines');
    assert.equal(rows[0]!.length, 1);
    assert.deepEqual(rows[1]!.map((b) => b.cls.replace('icicle-block ', '')), ['kind-target', 'kind-workspace', 'kind-package', 'kind-gc']);
    assert.equal(rows[2]!.length, 4);
    const full = rows[0]![0]!.width;
    const hot = rows[2]!.find((b) => b.label.startsWith('L17'))!;
    assert.ok(Math.abs(hot.width / full - 0.524) < 0.01, `L17 is ${hot.width}px of ${full}px`);
    assert.match(hot.label, /L17 · 52% · parse\.ts:17 · const copy = JSON\.parse/);

    const tables = await panel.page.$$eval('#line-costs table', (ts) => ts.map((t) => Array.from(t.querySelectorAll('tbody tr')).map((r) => Array.from(r.children).map((c) => c.textContent))));
    assert.equal(tables.length, 2);
    assert.deepEqual(tables[0]![0], ['parse.ts:17', 'parseOrders', '52%', '2.93 µs', '1.86 KB', 'const copy = JSON.parse(JSON.stringify(doc));']);
    assert.deepEqual(tables[1]![0]!.slice(0, 5), ['parse.ts:17', '+2.93 µs', '0 ns', '2.93 µs', 'new']);

    // A view without line costs hides the section.
    await panel.send(historyMessage(basicHistory()));
    assert.equal(await section.isVisible(), false);
    await panel.send(withLines());

    for (const theme of ['light', 'dark'] as const) {
      await panel.setTheme(themes[theme]);
      await panel.page.waitForFunction((c) => document.body.className === c, themes[theme].bodyClass);
      const bg = await panel.page.$eval('#line-costs .kind-line', (b) => getComputedStyle(b).backgroundColor);
      assert.ok(bg !== 'rgba(0, 0, 0, 0)' && bg !== '', `${theme}: line blocks are coloured (${bg})`);
      const path = join(OUT, `line-costs-${theme}.png`);
      await section.screenshot({ path });
      assert.ok(statSync(path).size > 5_000, `${path} holds an image`);
    }
    assert.deepEqual(await panel.violations(), []);
    assert.deepEqual(panel.errors, []);
  } finally {
    await panel.close();
  }
});
