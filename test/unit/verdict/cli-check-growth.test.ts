// `perflens check` fits growth orders by default for a changed function that takes a collection: an accidental
// quadratic is fitted (or the skip is said) and rejected; --no-growth skips the fitting.
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
  type Row = { growth: { baseline: string; current: string; classification: string } | null; verdict: { recommendation: string }; warnings: string[] };
  const row = (JSON.parse(checked.out) as { results: Row[] }).results[0]!;
  // On a loaded machine the sweep may fit too few sizes; then the skipped comparison is said, never silent.
  assert.ok(row.growth || row.warnings.some((w) => /^growth not compared/.test(w)), `growth was attempted: ${JSON.stringify(row)}`);
  if (row.growth) assert.notEqual(row.growth.classification, 'improvement', JSON.stringify(row.growth));
  assert.equal(row.verdict.recommendation, 'REJECT', 'an unexplained ×N slowdown, quadratic or not');
  assert.equal(checked.code, 1);

  const off = await run(root, 'check', 'src', '--no-types', '--json', '--budget', '300', '--no-growth');
  const offRow = (JSON.parse(off.out) as { results: Row[] }).results[0]!;
  assert.equal(offRow.growth, null);
  assert.ok(!offRow.warnings.some((w) => /growth/.test(w)), 'no growth attempted');
});
