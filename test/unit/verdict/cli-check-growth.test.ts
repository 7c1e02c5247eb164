// `perflens check` fits growth orders by default for a changed function that takes a collection: an accidental
// quadratic is caught as a growth regression and rejected; --no-growth skips the fitting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/index';

const linear = 'export function unique(xs: string[]): string[] {\n  return [...new Set(xs)];\n}\n';
const quadratic = 'export function unique(xs: string[]): string[] {\n  return xs.filter((x, i) => xs.indexOf(x) === i);\n}\n';

async function run(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n'), cwd, env: {} });
  return { code, out, err };
}

test('growth is compared by default for a string[] input, and --no-growth turns it off', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-check-growth-'));
  writeFileSync(join(root, 'package.json'), '{"name":"w","private":true}');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/u.ts'), linear);
  assert.equal((await run(root, 'baseline', 'set', 'src')).code, 0);
  writeFileSync(join(root, 'src/u.ts'), quadratic);

  const checked = await run(root, 'check', 'src', '--no-types', '--json', '--budget', '400');
  const row = (JSON.parse(checked.out) as { results: { growth: { baseline: string; current: string; classification: string } | null; verdict: { recommendation: string } }[] }).results[0]!;
  assert.ok(row.growth, `growth was fitted: ${checked.err}`);
  assert.equal(row.growth.classification, 'regression', JSON.stringify(row.growth));
  assert.equal(row.verdict.recommendation, 'REJECT');
  assert.equal(checked.code, 1);

  const off = await run(root, 'check', 'src', '--no-types', '--json', '--budget', '300', '--no-growth');
  assert.equal((JSON.parse(off.out) as { results: { growth: unknown }[] }).results[0]!.growth, null);
});
