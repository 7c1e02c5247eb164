// PerfLens writes into the workspace only when it must: opening and analysing a file writes nothing; the
// first benchmark creates .perflens/history.db together with a .gitignore for the database files (so git
// sees the .gitignore, never the DB); in Restricted Mode (untrusted) nothing is written at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandResult } from '../../server/src/protocol';
import { startLsp, type LspSession } from './support/client';

const text = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const exec = (lsp: LspSession, command: string, arg: object) =>
  lsp.connection.sendRequest('workspace/executeCommand', { command: `perflens.server.${command}`, arguments: [arg] }) as Promise<CommandResult>;

/** Open, wait for the analysis, ask for lenses and a hover: everything an editor does without a click. */
async function openAndLook(lsp: LspSession): Promise<string> {
  const uri = await lsp.open('sample.ts', text);
  await lsp.diagnostics(uri, (d) => d.length > 0);
  await lsp.codeLenses(uri);
  await lsp.hover(uri, 3, 17);
  return uri;
}

test('opening and analysing writes nothing; the first benchmark creates the DB and its .gitignore', { timeout: 120_000 }, async (t) => {
  // The default location, as an editor without perflens.history.dbPath uses it.
  const lsp = await startLsp({ initializationOptions: { dbPath: undefined }, settings: { '*': { benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const uri = await openAndLook(lsp);
  assert.deepEqual(filesUnder(lsp.workspace), ['sample.ts'], 'nothing but the file the test itself wrote');

  const run = await exec(lsp, 'benchmark', { uri, qualifiedName: 'sum' });
  assert.equal(run.ok, true, run.message);
  const files = filesUnder(lsp.workspace);
  assert.ok(files.includes(path.join('.perflens', 'history.db')), files.join(', '));
  assert.ok(files.includes(path.join('.perflens', '.gitignore')), files.join(', '));
  const ignore = readFileSync(path.join(lsp.workspace, '.perflens', '.gitignore'), 'utf8');
  const patterns = ignore.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(patterns.includes('history.db') && patterns.includes('history.db-wal') && patterns.includes('history.db-shm'), ignore);
  assert.ok(!patterns.some((p) => /inputs|mocks|\*$/.test(p) && !p.startsWith('history.db')), `only database files are ignored: ${ignore}`);

  // What git makes of it: the DB files are ignored, the .gitignore itself and an inputs.json are not.
  const git = (...args: string[]) => execFileSync('git', args, { cwd: lsp.workspace, encoding: 'utf8' });
  git('init', '-q');
  const ignored = (file: string) => {
    try {
      git('check-ignore', '-q', file);
      return true;
    } catch {
      return false;
    }
  };
  assert.equal(ignored('.perflens/history.db'), true);
  assert.equal(ignored('.perflens/history.db-wal'), true);
  assert.equal(ignored('.perflens/history.db-shm'), true);
  assert.equal(ignored('.perflens/inputs.json'), false);
  assert.equal(ignored('.perflens/mocks.json'), false);
  assert.equal(ignored('.perflens/.gitignore'), false);
});

test('a baseline is the other first write: it creates the DB and the .gitignore', { timeout: 120_000 }, async (t) => {
  const lsp = await startLsp({ initializationOptions: { dbPath: undefined } });
  t.after(() => lsp.close());
  const uri = await openAndLook(lsp);
  const cleared = await exec(lsp, 'clearBaseline', { uri, qualifiedName: 'sum', label: 'main' });
  assert.equal(cleared.ok, false, 'nothing to clear');
  assert.deepEqual(filesUnder(lsp.workspace), ['sample.ts'], 'clearing a baseline that cannot exist creates no DB');
  const set = await exec(lsp, 'setBaseline', { uri, qualifiedName: 'sum', label: 'main' });
  assert.equal(set.ok, true, set.message);
  assert.ok(filesUnder(lsp.workspace).includes(path.join('.perflens', '.gitignore')));
});

test('in Restricted Mode nothing is written, whatever the user clicks', { timeout: 120_000 }, async (t) => {
  const lsp = await startLsp({ initializationOptions: { trusted: false, dbPath: undefined } });
  t.after(() => lsp.close());
  const uri = await openAndLook(lsp);
  for (const command of ['benchmark', 'setBaseline', 'clearBaseline', 'acceptRegression', 'clearLlmCache', 'showHistory']) {
    const r = await exec(lsp, command, { uri, qualifiedName: 'sum', label: 'main', note: 'n' });
    if (command !== 'clearLlmCache') assert.equal(r.ok, false, `${command}: ${r.message}`);
  }
  assert.deepEqual(filesUnder(lsp.workspace), ['sample.ts']);
});
