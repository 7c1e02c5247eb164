// Outside any project (no package.json, tsconfig.json or .git above), `check` and `baseline` refuse with
// exit 2 and a line naming --db, and write nothing; with --db they use that file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/index';
import type { CliIO } from '../../../server/src/cli/command';
import { findProjectRoot } from '../../../server/src/workspace';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
  return { value, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'perflens-noproject-'));
writeFileSync(join(dir, 'f.ts'), 'export function f(x: number): number {\n  return x + 1;\n}\n');
const skip = findProjectRoot(dir) ? `${dir} is inside a project (${findProjectRoot(dir)})` : false;

test('check and baseline outside a project exit 2, name --db, and create no .perflens/', { skip }, async () => {
  for (const argv of [['check'], ['baseline', 'show'], ['baseline', 'set', 'f.ts']]) {
    const t = io(dir);
    assert.equal(await main(argv, t.value), 2, argv.join(' '));
    assert.match(t.err.join('\n'), /not inside a project .*--db <path>/, argv.join(' '));
    assert.equal(existsSync(join(dir, '.perflens')), false, `${argv.join(' ')} wrote .perflens/`);
  }
});

test('with --db the history goes to the named file', { skip }, async () => {
  const db = join(dir, 'history', 'h.db');
  const t = io(dir);
  assert.equal(await main(['baseline', 'set', 'f.ts', '--db', db], t.value), 0, t.err.join('\n'));
  assert.ok(existsSync(db));
  assert.equal(existsSync(join(dir, '.perflens')), false);
});
