// textDocument/hover: on a function's name it shows what PerfLens knows (not benchmarked yet,
// complexity once analysed) with command links; elsewhere it shows nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const lines = text.split('\n');

test('hover on a function name describes that function; off a name there is no hover', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp();
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', text);
  await lsp.diagnostics(uri); // analysis finished: complexity is known
  const line = lines.findIndex((l) => l.includes('export const classify'));
  const hover = await lsp.hover(uri, line, lines[line].indexOf('classify') + 2);
  assert.ok(hover, 'expected a hover on "classify"');
  const md = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  assert.match(md, /\*\*classify\*\*/);
  assert.match(md, /Not benchmarked yet/);
  assert.match(md, /CC 7 · cognitive \d+ · maintainability \d+\/100/);
  assert.match(md, /CC \(cyclomatic complexity\) counts the independent paths/, 'the hover explains what CC means');
  const link = /\[Re-run\]\(command:perflens\.server\.benchmark\?([^)]+)\)/.exec(md);
  assert.ok(link, 'expected a Re-run command link');
  assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [{ uri, qualifiedName: 'classify' }]);
  assert.match(md, /command:perflens\.server\.setBaseline/);
  assert.match(md, /command:perflens\.server\.showHistory/);

  const bodyLine = lines.findIndex((l) => l.includes('let total = 0'));
  assert.equal(await lsp.hover(uri, bodyLine, 6), null);
});
