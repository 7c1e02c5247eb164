// A second real LSP client: headless Neovim's built-in client against `perflens lsp --stdio` (the built
// bin/perflens.js) gets diagnostics, a lens per function, a hover, and after a benchmark the inlay hint
// of its hot line. Needs `nvim` (test/e2e/setup.sh)
// and a build (`npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const fixture = path.join(REPO, 'test/fixtures/lsp/sample.ts');

test('Neovim gets lenses, diagnostics, a hover and line-cost inlay hints from perflens lsp --stdio', (t) => {
  assert.ok(existsSync(path.join(REPO, 'dist/cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(nvim.status, 0, 'nvim is missing: run test/e2e/setup.sh (apt neovim) first');

  const root = mkdtempSync(path.join(tmpdir(), 'perflens-nvim-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const file = path.join(root, 'sample.ts');
  copyFileSync(fixture, file);
  const lines = readFileSync(file, 'utf8').split('\n');
  const hoverLine = lines.findIndex((l) => l.includes('export function sum'));
  const outFile = path.join(root, 'result.json');

  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'neovim-client.lua')}`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PERFLENS_CMD: JSON.stringify([process.execPath, path.join(REPO, 'bin/perflens.js'), 'lsp', '--stdio']),
      PERFLENS_ROOT: root,
      PERFLENS_FILE: file,
      PERFLENS_HOVER_LINE: String(hoverLine),
      PERFLENS_HOVER_CHAR: String(lines[hoverLine].indexOf('sum') + 1),
      PERFLENS_BENCH: 'sum',
      PERFLENS_OUT: outFile,
    },
  });
  assert.ok(existsSync(outFile), `nvim wrote no result (exit ${run.status}): ${run.stderr}`);
  const result = JSON.parse(readFileSync(outFile, 'utf8')) as {
    initialized: boolean;
    error?: string;
    lenses: { line: number; title: string; command: string }[];
    diagnostics: { line: number; code?: string; message: string }[];
    hover?: string;
    benchmark?: boolean;
    hints: { line: number; label: string }[];
  };
  assert.equal(result.error, undefined);
  assert.equal(result.initialized, true);

  assert.deepEqual(
    result.lenses.map((l) => l.line).sort((a, b) => a - b),
    [hoverLine, lines.findIndex((l) => l.includes('parse(input')), lines.findIndex((l) => l.includes('export const classify'))],
  );
  for (const lens of result.lenses) {
    assert.match(lens.title, /^▶ Benchmark/);
    assert.equal(lens.command, 'perflens.server.benchmark');
  }
  // The threshold of 5 came from Neovim's `settings` through workspace/configuration.
  const codes = result.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes, ['perflens.complexity', 'perflens.security']);
  assert.match(result.hover ?? '', /\*\*sum\*\*/);
  assert.match(result.hover ?? '', /Not benchmarked yet/);

  assert.equal(result.benchmark, true);
  const loop = lines.findIndex((l) => l.includes('for (const v of values)'));
  const hint = result.hints.find((h) => h.line === loop);
  assert.ok(hint, `an inlay hint on the loop of sum: ${JSON.stringify(result.hints)}`);
  assert.match(hint.label, /^\d+(\.\d)?% · [\d.]+ (ns|µs|ms)\/call$/);
});
