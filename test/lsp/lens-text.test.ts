// Clear text: a failed run's lens names its kind in a word (⚠ throws, ⚠ timeout) and the hover holds the full
// message without the workspace's absolute path, and names the setting to change by its real name; the hover
// shows the input size n behind a median; perflens.lens.constructors and perflens.lens.show shape the lenses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { CommandResult } from '../../server/src/protocol';
import { startLsp, type LspSession } from './support/client';

const sample = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const slow = readFileSync(path.join(__dirname, '../fixtures/lsp/slow.ts'), 'utf8');
const boom = `export function boom(xs: number[]): number {
  if (xs.length >= 0) throw new Error('boom: this input is not accepted');
  return 0;
}
`;
const withConstructor = `export class Counter {
  private n = 0;
  constructor(start: number) {
    this.n = start;
  }
  next(): number {
    return ++this.n;
  }
}
`;

const exec = (lsp: LspSession, arg: object) =>
  lsp.connection.sendRequest('workspace/executeCommand', { command: 'perflens.server.benchmark', arguments: [arg] }) as Promise<CommandResult>;

const titles = async (lsp: LspSession, uri: string) => (await lsp.codeLenses(uri)).map((l) => l.command!.title);
const hoverText = async (lsp: LspSession, uri: string, line: number, character: number) => ((await lsp.hover(uri, line, character))!.contents as MarkupContent).value;

test('a failure lens is a short kind; the hover has the whole message, relative paths and the real setting name', { timeout: 180_000 }, async (t) => {
  // Only slow.ts gets a short time limit (settings are per file): under load, boom must still end as throws.
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 200, timeoutMs: 120_000 } } } });
  t.after(() => lsp.close());
  lsp.settings[pathToFileURL(path.join(lsp.workspace, 'slow.ts')).href] = { benchmark: { budgetMs: 200, timeoutMs: 2_000 } };
  const boomUri = await lsp.open('boom.ts', boom);
  await lsp.diagnostics(boomUri);
  assert.equal((await exec(lsp, { uri: boomUri, qualifiedName: 'boom' })).ok, false);
  assert.deepEqual(await titles(lsp, boomUri), ['⚠ throws · ▶ re-run']);
  const thrown = await hoverText(lsp, boomUri, 0, 18);
  assert.match(thrown, /boom: this input is not accepted/);
  assert.ok(!thrown.includes(lsp.workspace), `no absolute workspace path in the hover:\n${thrown}`);

  const slowUri = await lsp.open('slow.ts', slow);
  await lsp.diagnostics(slowUri);
  assert.equal((await exec(lsp, { uri: slowUri, qualifiedName: 'slow' })).ok, false);
  assert.deepEqual(await titles(lsp, slowUri), ['⚠ timeout · ▶ re-run']);
  const timedOut = await hoverText(lsp, slowUri, 1, 17);
  assert.match(timedOut, /`perflens\.benchmark\.timeoutMs`/);
  assert.doesNotMatch(timedOut, /perflens\.timeoutMs/);
});

test('the hover shows the input size behind a median', { timeout: 120_000 }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const uri = await lsp.open('sample.ts', sample);
  await lsp.diagnostics(uri);
  const run = await exec(lsp, { uri, qualifiedName: 'sum' });
  assert.equal(run.ok, true, run.message);
  assert.match(await hoverText(lsp, uri, 3, 17), /Median \*\*[^*]+\*\* at input size n = \d+/);
});

test('constructors get no lens unless asked; lens.show picks the parts', { timeout: 120_000 }, async (t) => {
  const lsp = await startLsp();
  t.after(() => lsp.close());
  const uri = await lsp.open('counter.ts', withConstructor);
  await lsp.diagnostics(uri);
  const names = async () => (await lsp.codeLenses(uri)).map((l) => (l.command!.arguments?.[0] as { qualifiedName?: string } | undefined)?.qualifiedName);
  assert.deepEqual(await names(), ['Counter.next']);
  assert.match((await titles(lsp, uri))[0], /CC \d/);

  lsp.settings = { '*': { lens: { constructors: true, show: ['time', 'verdict'] } } };
  await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await lsp.publishedAfter(uri, lsp.publishCount(uri));
  assert.equal((await names()).length, 2, 'the constructor has its lens now');
  assert.ok((await titles(lsp, uri)).every((title) => title === '▶ Benchmark'), 'no CC without "complexity"');
});
