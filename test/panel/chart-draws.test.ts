// The trend chart paints the history: line, CI band and verdict-coloured points appear on the canvas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicHistory } from '../fixtures/history/index';
import { canvasPixels, historyMessage, openPanel } from './harness';
import { themes } from './themes';

test('the chart draws the median line and points in each verdict colour', async () => {
  const panel = await openPanel({ theme: themes.light });
  try {
    const v = themes.light.vars;
    const colors = [v['--vscode-charts-blue']!, v['--vscode-charts-green']!, v['--vscode-charts-yellow']!, v['--vscode-charts-red']!];
    const before = await canvasPixels(panel.page, colors);
    assert.equal(before.painted, 0, 'no chart is drawn before data arrives');

    await panel.send(historyMessage(basicHistory()));
    const after = await canvasPixels(panel.page, colors);
    assert.ok(after.total > 0, 'a canvas exists');
    assert.ok(after.painted / after.total > 0.01, `painted ${after.painted} of ${after.total} pixels`);
    const [median, accept, review, reject] = after.matches;
    assert.ok(median! > 100, `median line pixels: ${median}`);
    assert.ok(accept! > 20, `accept point pixels: ${accept}`);
    assert.ok(review! > 10, `review point pixels: ${review}`);
    assert.ok(reject! > 20, `reject point pixels: ${reject}`);
    assert.deepEqual(panel.errors, []);
  } finally {
    await panel.close();
  }
});
