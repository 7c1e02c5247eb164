// Every colour follows the editor theme: page styles read the --vscode-* variables, and the canvas is
// repainted in the new theme's colours when VS Code switches theme.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { canvasPixels, historyMessage, openPanel } from './harness';
import { themes } from './themes';

// The browser reports computed colours as rgb(); compare against the theme's hex the same way.
const rgb = (hex: string): string =>
  `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;

for (const [name, theme] of Object.entries(themes)) {
  test(`${name} theme: page and chart take their colours from the theme variables`, async () => {
    const panel = await openPanel({ theme });
    try {
      await panel.send(historyMessage(basicHistory()));
      // No named helpers inside evaluate: the TypeScript loader would wrap them in a helper the page lacks.
      const styles = await panel.page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        foreground: getComputedStyle(document.body).color,
        reject: getComputedStyle(document.querySelector('.swatch.verdict-reject')!).backgroundColor,
        button: getComputedStyle(document.querySelector('#export-csv')!).backgroundColor,
      }));
      assert.equal(styles.background, rgb(theme.vars['--vscode-editor-background']!));
      assert.equal(styles.foreground, rgb(theme.vars['--vscode-foreground']!));
      assert.equal(styles.reject, rgb(theme.vars['--vscode-charts-red']!));
      assert.equal(styles.button, rgb(theme.vars['--vscode-button-background']!));
      const px = await canvasPixels(panel.page, [theme.vars['--vscode-charts-blue']!, theme.vars['--vscode-charts-purple']!]);
      assert.ok(px.matches[0]! > 100, `median line in the theme's blue: ${px.matches[0]} pixels`);
      assert.ok(px.matches[1]! > 20, `baseline marker in the theme's purple: ${px.matches[1]} pixels`);
    } finally {
      await panel.close();
    }
  });
}

test('switching from light to dark repaints the chart in the dark colours', async () => {
  const panel = await openPanel({ theme: themes.light });
  try {
    await panel.send(historyMessage(basicHistory()));
    const colors = [themes.light.vars['--vscode-charts-red']!, themes.dark.vars['--vscode-charts-red']!];
    const before = await canvasPixels(panel.page, colors);
    assert.ok(before.matches[0]! > 20 && before.matches[1] === 0, `before: ${before.matches}`);
    await panel.setTheme(themes.dark);
    await panel.page.waitForFunction(() => document.body.classList.contains('vscode-dark'));
    const after = await canvasPixels(panel.page, colors);
    assert.equal(after.matches[0], 0, 'no light-theme red remains');
    assert.ok(after.matches[1]! > 20, `dark-theme red drawn: ${after.matches[1]} pixels`);
  } finally {
    await panel.close();
  }
});
