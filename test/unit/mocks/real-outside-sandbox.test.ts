// Only requires from inside the sandbox directory are mocked: everything else keeps the real module.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installMocks, uninstallMocks } from '../../../server/src/profile/mocks/install';
import { makeSandbox } from './sandbox-helpers';

const box = makeSandbox();
const elsewhere = mkdtempSync(join(tmpdir(), 'perflens-real-'));
after(() => {
  uninstallMocks();
  box.dispose();
  rmSync(elsewhere, { recursive: true, force: true });
});

test('fs required outside the sandbox stays real while the sandbox gets the mock; uninstall restores', () => {
  installMocks({ sandboxDir: box.dir });
  const realFs = require('node:fs') as typeof import('node:fs');
  const path = join(elsewhere, 'real.txt');
  realFs.writeFileSync(path, 'real content');
  assert.equal(realFs.readFileSync(path, 'utf8'), 'real content');

  const user = box.load('reader.js', `module.exports = (p) => require('fs').readFileSync(p, 'utf8');`);
  assert.equal(user(path), '{}', 'the sandboxed module sees the mock, not the file');

  // A module outside the sandbox (like a real package in node_modules) reads the real file.
  const outside = join(elsewhere, 'outside.js');
  realFs.writeFileSync(outside, `module.exports = (p) => require('fs').readFileSync(p, 'utf8');`);
  assert.equal(require(outside)(path), 'real content');

  uninstallMocks();
  const after = box.load('reader2.js', `module.exports = (p) => require('fs').readFileSync(p, 'utf8');`);
  assert.equal(after(path), 'real content');
});
