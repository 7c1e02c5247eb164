// `perflens baseline set|show|clear`: per function, per file and per folder, against a real DB file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/index';


async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n'), cwd, env: {} });
  return { code, out, err };
}

test('set for a function, a file and a folder; show marks edits; clear by scope', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-cli-baseline-'));
  writeFileSync(join(root, 'package.json'), '{"name":"w"}');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/a.ts'), 'export function f(x: number) { return x + 1; }\nexport function g(x: number) { return x * 2; }\n');
  writeFileSync(join(root, 'src/b.ts'), 'export const h = (s: string) => s.trim();\n');

  assert.equal((await run(root, 'baseline', 'set', 'src/a.ts', '--function', 'f')).code, 0);
  assert.equal((await run(root, 'baseline', 'set', 'src/a.ts', '--label', 'release-1.2')).code, 0);
  const folder = await run(root, 'baseline', 'set', 'src', '--label', 'main');
  assert.equal(folder.code, 0);
  assert.match(folder.out, /set for 3 functions \(workspace\)/);

  writeFileSync(join(root, 'src/a.ts'), 'export function f(x: number) { return x + 2; }\nexport function g(x: number) { return x * 2; }\n');
  const shown = JSON.parse((await run(root, 'baseline', 'show', 'src', '--json', '--label', 'main')).out) as { function: string; current: string }[];
  assert.deepEqual(
    shown.map((r) => [r.function, r.current]),
    [['f', 'changed'], ['g', 'same'], ['h', 'same']],
  );

  const missing = await run(root, 'baseline', 'set', 'src/a.ts', '--function', 'nope');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no function "nope".*It has: f, g/);

  assert.match((await run(root, 'baseline', 'clear', 'src/a.ts', '--function', 'g')).out, /removed 1 baseline "main"/);
  assert.match((await run(root, 'baseline', 'clear', 'src')).out, /removed 2 baselines "main"/);
  const left = JSON.parse((await run(root, 'baseline', 'show', '--json')).out) as { label: string }[];
  assert.deepEqual([...new Set(left.map((r) => r.label))], ['release-1.2'], 'other labels survive');
});
