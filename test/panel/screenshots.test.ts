// Screenshots of the panel in light, dark and high-contrast themes under test-output/panel/, for people to
// look at; each is taken only once the chart has painted.
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { canvasPixels, historyMessage, openPanel } from './harness';
import { themes } from './themes';

const OUT = join(__dirname, '..', '..', 'test-output', 'panel');

test('screenshots in light, dark and high-contrast themes', async () => {
  mkdirSync(OUT, { recursive: true });
  const panel = await openPanel({ theme: themes.light, viewport: { width: 1100, height: 1000 } });
  try {
    const view = basicHistory();
    await panel.send(historyMessage(view));
    // Show a rejected version, so the shots include a verdict with its reasoning.
    const reject = view.versions.findIndex((v) => v.verdict?.recommendation === 'REJECT');
    await panel.page.click(`#versions tbody tr[data-index="${reject}"]`);
    await panel.page.mouse.move(0, 0);
    const shots: Array<[string, keyof typeof themes]> = [['light', 'light'], ['dark', 'dark'], ['high-contrast', 'highContrast']];
    for (const [file, theme] of shots) {
      await panel.setTheme(themes[theme]);
      await panel.page.waitForFunction((c) => document.body.className === c, themes[theme].bodyClass);
      const px = await canvasPixels(panel.page, [themes[theme].vars['--vscode-charts-blue']!]);
      assert.ok(px.matches[0]! > 100, `${file}: the chart is painted in the theme's colours before the shot`);
      const path = join(OUT, `${file}.png`);
      await panel.page.screenshot({ path, fullPage: true });
      assert.ok(statSync(path).size > 10_000, `${path} holds an image`);
    }
    await panel.setTheme(themes.light);
    await panel.page.click('#tab-alloc');
    await panel.page.screenshot({ path: join(OUT, 'light-alloc.png') });
    await panel.page.click('#tab-complexity');
    await panel.page.screenshot({ path: join(OUT, 'light-complexity.png') });
  } finally {
    await panel.close();
  }
});
