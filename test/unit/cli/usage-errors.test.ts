// Bad usage, a missing file and a missing function: one line on stderr and exit code 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/perflens.js'), ...args], { encoding: 'utf8' });

test('a missing file is one line on stderr and exit 2', () => {
  const r = run('analyze', join(root, 'no/such/file.ts'));
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /no such file/);
});

test('a missing function names the ones that exist and exits 2', () => {
  const r = run('analyze', join(root, 'examples/demo/src/sort.ts'), '--function', 'bubbleSort');
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /insertionSort/);
});

test('an unknown option or command exits 2 with the usage line', () => {
  const opt = run('analyze', 'x.ts', '--frobnicate');
  assert.equal(opt.status, 2);
  assert.match(opt.stderr, /usage: perflens analyze/);
  assert.equal(run('frobnicate').status, 2);
});

test('every command has --help that lists its options', () => {
  const top = run('--help');
  assert.equal(top.status, 0);
  for (const name of ['analyze', 'bench', 'compare', 'baseline', 'check', 'lsp']) {
    assert.match(top.stdout, new RegExp(`^  ${name} `, 'm'));
    const help = run(name, '--help');
    assert.equal(help.status, 0, name);
    assert.match(help.stdout, /^usage: perflens /m);
    assert.match(help.stdout, /--help/);
  }
});
