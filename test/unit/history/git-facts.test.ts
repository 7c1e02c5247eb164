// Git facts for versions and intent: HEAD, branch and author of a file, and the subjects of commits that
// touched a function's lines; nothing (no throw) outside a repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitMessagesTouching, gitInfo } from '../../../server/src/history/git';

const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.invalid', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.invalid' };

test('commit, branch, author and the messages of commits touching lines 5–7 only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'trunk');
  const file = join(dir, 'a.ts');
  const a = 'export function a() {\n  return 1;\n}\n\nexport function b() {\n  return 2;\n}\n';
  writeFileSync(file, a);
  git('add', '.');
  git('commit', '-q', '-m', 'Add a and b');
  writeFileSync(file, a.replace('return 1', 'return 10'));
  git('commit', '-q', '-am', 'Tune a');
  writeFileSync(file, a.replace('return 1', 'return 10').replace('return 2', 'return 2 + 0'));
  git('commit', '-q', '-am', 'Fix b for the edge case');

  const info = await gitInfo(file);
  assert.equal(info?.branch, 'trunk');
  assert.equal(info?.author, 'Ada');
  assert.equal(info?.commit, git('rev-parse', '--short', 'HEAD').toString().trim());
  assert.deepEqual(await commitMessagesTouching(file, 5, 7), ['Fix b for the edge case', 'Add a and b']);
});

test('outside a repository: undefined and an empty list', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-nogit-'));
  writeFileSync(join(dir, 'a.ts'), 'x');
  assert.equal(await gitInfo(join(dir, 'a.ts')), undefined);
  assert.deepEqual(await commitMessagesTouching(join(dir, 'a.ts'), 1, 1), []);
});
