// `perflens check --report` on a real workspace: a function that got slower by one added line gets a
// section naming that line first, with its code; the verdict's reasoning names it by number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/index';

const version = (added: boolean): string =>
  [
    'export function work(xs: number[]): number {',
    '  let total = 0;',
    '  for (const x of xs) total = (total + x * 3) | 0;',
    ...(added ? ['  total ^= JSON.stringify(xs.map((x) => ({ x, y: [x, x] }))).length;'] : []),
    '  return total;',
    '}',
    '',
  ].join('\n');

test('check --report names the added line of a regression', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-lines-check-'));
  writeFileSync(join(root, 'package.json'), '{"name":"w","private":true}');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/work.ts'), version(false));
  const io = { out: () => undefined, err: () => undefined, cwd: root, env: {} };
  assert.equal(await main(['baseline', 'set', 'src'], io), 0);
  writeFileSync(join(root, 'src/work.ts'), version(true));
  let out = '';
  const code = await main(['check', 'src', '--no-types', '--budget', '300', '--report', 'perf.md', '--json'], { ...io, out: (t) => void (out += t) });
  assert.ok(code === 1 || code === 2, `a regression is not accepted (exit ${code})`);
  const work = (JSON.parse(out) as { results: Array<{ change?: { classification: string }; verdict?: { reasoning: string }; lines?: Array<{ line: number; status: string }> }> }).results[0]!;
  assert.equal(work.change?.classification, 'regression');
  assert.deepEqual({ line: work.lines?.[0]?.line, status: work.lines?.[0]?.status }, { line: 4, status: 'new' });
  assert.match(work.verdict!.reasoning, /Lines whose cost grew most: line 4 \(\+[\d.]+ [nµm]s\/call, new\)/);
  const report = readFileSync(join(root, 'perf.md'), 'utf8');
  assert.match(report, /#### Lines that grew most in `work` \(src\/work\.ts\)\n\n\| Line \| Change per call \| Code \|\n\|---\|---\|---\|\n\| work\.ts:4 \| \+[\d.]+ [nµm]s \(new\) \| `total \^= JSON\.stringify/);
});
