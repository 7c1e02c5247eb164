// Versions of uncommitted code are labelled as such: in a git repository, a benchmark of the committed
// function is labelled with its commit; after an unsaved edit, the new version is
// `working tree · <short content hash>`, with the commit it sits on kept separately.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { HistoryView } from '../../server/src/protocol';
import { startLsp, TEST_TIMEOUT_MS } from './support/client';
import { TOTAL as committed } from './support/total';

const edited = committed.replace('let sum = 0;', 'let sum = 0 * xs.length;');

test('committed code is labelled by its commit, an edit by "working tree · <hash>"', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=PerfLens Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: lsp.workspace, encoding: 'utf8' }).trim();
  git('init', '-q');
  writeFileSync(path.join(lsp.workspace, 'total.ts'), committed);
  git('add', 'total.ts');
  git('commit', '-q', '-m', 'total');
  const head = git('rev-parse', '--short', 'HEAD');

  const uri = await lsp.open('total.ts', committed);
  await lsp.diagnostics(uri);
  assert.equal((await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'total' })).ok, true);
  await lsp.change(uri, 2, [{ text: edited }]);
  assert.equal((await lsp.exec('perflens.server.benchmark', uri, { qualifiedName: 'total' })).ok, true);

  const view = (await lsp.connection.sendRequest('perflens/history', { uri, qualifiedName: 'total' })) as HistoryView;
  assert.equal(view.versions.length, 2);
  const [first, second] = view.versions;
  assert.equal(first!.label, head.slice(0, 7));
  assert.equal(first!.workingTree, undefined);
  assert.equal(second!.label, `working tree · ${second!.hash.slice(0, 7)}`);
  assert.equal(second!.workingTree, true);
  assert.equal(second!.commit, head, 'the commit it sits on is kept');
  assert.notEqual(first!.label, second!.label, 'two versions never share a label');
});
