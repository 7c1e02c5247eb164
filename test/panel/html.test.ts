// The host's HTML shell declares the strict CSP, loads only the nonce'd script, and escapes its inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { panelCsp, renderPanelHtml } from '../../client/src/panel/html';

test('the page has a default-src none CSP, one nonce-bearing script and no inline code', () => {
  const html = renderPanelHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123==',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/panel.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css'],
  });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(csp, panelCsp({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123==' }));
  assert.match(csp!, /^default-src 'none'; /);
  assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval|\*/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script nonce="abc123==" src="https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/panel.js">']);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /style="/, 'no inline styles (the CSP would block them)');
});

test('a quote in an asset URI cannot break out of its attribute', () => {
  const html = renderPanelHtml({ cspSource: 'x', nonce: 'n', scriptUri: 'a"><script>alert(1)</script>', styleUris: [] });
  assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  assert.ok(html.includes('a&quot;&gt;&lt;script&gt;'));
});
