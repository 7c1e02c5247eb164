// Untrusted text (function names, file names, commits, baseline labels, LLM reasoning) is shown as text:
// markup in it is neither parsed nor run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostileHistory } from '../fixtures/history/index';
import { historyMessage, openPanel } from './harness';

test('a hostile function name and reasoning render as literal text', async () => {
  const panel = await openPanel();
  try {
    const view = hostileHistory();
    await panel.send(historyMessage(view));
    // The newest version (the REJECT with hostile reasoning) is selected on load.
    const page = panel.page;
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      imgs: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg').length,
      scripts: document.querySelectorAll('script').length,
      title: document.getElementById('title')!.textContent,
      reasoning: document.querySelector('.reasoning')?.textContent,
      option: document.querySelector('#function-picker option')?.textContent,
      table: document.querySelector('#versions tbody')!.textContent,
      stats: document.querySelector('#details .stats')!.textContent,
    }));
    assert.equal(found.pwned, undefined, 'no injected handler ran');
    assert.equal(found.imgs, 0);
    assert.equal(found.svgs, 0);
    assert.equal(found.scripts, 2, 'only the stub and the panel script');
    assert.ok(found.title!.includes(view.qualifiedName), found.title!);
    assert.equal(found.reasoning, view.versions[1]!.verdict!.reasoning);
    assert.ok(found.option!.includes(view.qualifiedName) && found.option!.includes(view.file));
    assert.ok(found.stats!.includes('<svg/onload=window.__pwned=3>'), 'the commit is shown as text');
    assert.ok(found.table.includes('main<script>window.__pwned=2</script>'), 'the baseline label is shown as text');
    assert.deepEqual(await panel.violations(), []);
  } finally {
    await panel.close();
  }
});
