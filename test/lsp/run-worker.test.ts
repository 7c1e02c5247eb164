// Benchmarks and baselines run in the server's run worker, off the connection thread: the worker's
// engine records into the same SQLite file the connection thread reads, progress and cancellation
// cross the thread boundary, and a baseline is taken of the unsaved buffer, not of the file on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../server/src/engine';
import { locateFunctions } from '../../server/src/locate/locate';
import { WorkerRunner } from '../../server/src/lsp/runWorker';

const FIXTURES = path.join(__dirname, '../fixtures/lsp');

function workspace(t: { after: (fn: () => void) => void }): { root: string; dbPath: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'perflens-run-worker-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'package.json'), '{"name":"w","private":true}');
  return { root, dbPath: path.join(root, '.perflens', 'history.db') };
}

test('a benchmark in the run worker reports progress and is recorded where the connection thread reads it', { timeout: 180_000 }, async (t) => {
  const { root, dbPath } = workspace(t);
  const file = path.join(root, 'src', 'sample.ts');
  const text = readFileSync(path.join(FIXTURES, 'sample.ts'), 'utf8');
  writeFileSync(file, text);
  const local = new Engine({ workspaceRoot: root, dbPath });
  const logs: string[] = [];
  const runner = new WorkerRunner(() => local, { workspaceRoot: root, dbPath }, (l) => logs.push(l));
  t.after(() => {
    runner.dispose();
    local.dispose();
  });
  const phases: string[] = [];
  const outcome = await runner.benchmark(file, text, 'sum', { budgetMs: 40, growth: false }, { onProgress: (p) => phases.push(p.phase) });
  assert.equal(outcome.recorded, true, JSON.stringify(outcome));
  assert.equal(outcome.status.run.ok, true, JSON.stringify(outcome.status.run));
  assert.ok(phases.length > 0, 'progress reached this thread');
  assert.ok(!logs.some((l) => /planned on the main thread/.test(l)), `the worker ran: ${logs.join(' | ')}`);
  // This thread's engine never ran anything, yet it reads the run the worker recorded.
  const seen = local.status(file).find((s) => s.qualifiedName === 'sum' && s.hash === outcome.status.hash);
  assert.ok(seen, 'the connection thread reads the worker\'s run');
  assert.equal(seen.run.medianNs, outcome.status.run.medianNs);
});

test('cancelling a run in the worker rejects with AbortError and leaves the worker usable', { timeout: 180_000 }, async (t) => {
  const { root, dbPath } = workspace(t);
  const file = path.join(root, 'src', 'slow.ts');
  const text = readFileSync(path.join(FIXTURES, 'slow.ts'), 'utf8');
  writeFileSync(file, text);
  const local = new Engine({ workspaceRoot: root, dbPath });
  const runner = new WorkerRunner(() => local, { workspaceRoot: root, dbPath }, () => undefined);
  t.after(() => {
    runner.dispose();
    local.dispose();
  });
  const abort = new AbortController();
  const run = runner.benchmark(file, text, 'slow', { budgetMs: 120_000, timeoutMs: 240_000, growth: false }, {
    signal: abort.signal,
    onProgress: () => abort.abort(),
  });
  await assert.rejects(run, (err: Error) => err.name === 'AbortError');
  const sample = path.join(root, 'src', 'sample.ts');
  const sampleText = readFileSync(path.join(FIXTURES, 'sample.ts'), 'utf8');
  writeFileSync(sample, sampleText);
  const next = await runner.benchmark(sample, sampleText, 'sum', { budgetMs: 30, growth: false }, {});
  assert.equal(next.status.run.ok, true);
});

test('a baseline set through the worker is of the unsaved buffer, not of the file on disk', { timeout: 120_000 }, async (t) => {
  const { root, dbPath } = workspace(t);
  const file = path.join(root, 'src', 'sample.ts');
  const onDisk = readFileSync(path.join(FIXTURES, 'sample.ts'), 'utf8');
  writeFileSync(file, onDisk);
  const buffer = onDisk.replace('let total = 0;', 'let total = 0;\n  if (values.length === 0) return 0;');
  const local = new Engine({ workspaceRoot: root, dbPath });
  const runner = new WorkerRunner(() => local, { workspaceRoot: root, dbPath }, () => undefined);
  t.after(() => {
    runner.dispose();
    local.dispose();
  });
  const result = await runner.setBaseline({ file, qualifiedName: 'sum' }, 'main', { file, text: buffer });
  assert.equal(result.count, 1);
  const [entry] = local.baselines({ path: file, label: 'main', qualifiedName: 'sum' });
  assert.ok(entry, 'the connection thread reads the baseline');
  const hashIn = (text: string) => locateFunctions(file, text).functions.find((f) => f.qualifiedName === 'sum')!.hash;
  assert.equal(entry.hash, hashIn(buffer));
  assert.notEqual(entry.hash, hashIn(onDisk));
});
