// `perflens check` against a baseline: a 5x slower function is benchmarked and rejected (exit 1), unchanged
// functions are skipped, the run and verdict land in the DB, and the Markdown report has a row per function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { main } from '../../../server/src/cli/index';
import { startFakeOpenAI } from '../../support/fake-openai';

const loop = (n: number) => `export function work(k: number): number {\n  let x = 0;\n  for (let i = 0; i < ${n}; i++) x = (x * 31 + i + k) | 0;\n  return x;\n}\n`;
const other = 'export function same(s: string): string {\n  return s.trim();\n}\n';

async function run(cwd: string, env: NodeJS.ProcessEnv, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n'), cwd, env });
  return { code, out, err };
}

test('changed and 5x slower: REJECT, exit 1, recorded, reported; the LLM is used when configured', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-cli-check-'));
  writeFileSync(join(root, 'package.json'), '{"name":"w","private":true}');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/work.ts'), loop(1000) + other);
  assert.equal((await run(root, {}, 'baseline', 'set', 'src')).code, 0);

  const nothing = await run(root, {}, 'check', 'src', '--no-types');
  assert.equal(nothing.code, 0, 'no change: exit 0 without benchmarking');
  assert.match(nothing.out, /2 unchanged/);

  writeFileSync(join(root, 'src/work.ts'), loop(5000) + other);
  const checked = await run(root, {}, 'check', 'src', '--no-types', '--report', 'perf.md', '--json');
  assert.equal(checked.code, 1, checked.err);
  const json = JSON.parse(checked.out) as { results: { status: string; function: string; change?: { classification: string }; verdict?: { recommendation: string; source: string } }[] };
  const work = json.results.find((r) => r.function === 'work')!;
  assert.equal(work.status, 'compared');
  assert.equal(work.change?.classification, 'regression');
  assert.equal(work.verdict?.recommendation, 'REJECT');
  assert.equal(work.verdict?.source, 'rules');
  assert.equal(json.results.find((r) => r.function === 'same')!.status, 'unchanged');
  const report = readFileSync(join(root, 'perf.md'), 'utf8');
  assert.match(report, /\| `work` \| src\/work\.ts \| (\+\d+(\.\d)?%|×[\d.]+) \(.*\) \| <?[\d.e-]+ \| REJECT \d+ \(rules\) \|/);
  assert.doesNotMatch(report, /`same`/, 'unchanged functions are a count, not rows');
  assert.match(report, /1 unchanged function not shown \(--all lists them\)/);

  const db = new Database(join(root, '.perflens/history.db'), { readonly: true });
  const counts = db.prepare('SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM verdicts) AS verdicts, (SELECT count(*) FROM versions) AS versions').get();
  db.close();
  assert.deepEqual(counts, { runs: 2, verdicts: 1, versions: 3 }, 'a run per side, one verdict, the new version stored');

  const text = await run(root, {}, 'check', 'src', '--no-types', '--all');
  const lines = text.out.split('\n');
  const at = (name: string) => lines.findIndex((l) => l.startsWith(name + ' '));
  assert.ok(at('work') >= 0 && at('same') > at('work'), `changed first, then unchanged with --all:\n${text.out}`);


  const fake = await startFakeOpenAI({ script: [{ kind: 'answer', content: { score: 12, recommendation: 'REJECT', reasoning: 'Three times slower.', confidence: 0.9 } }] });
  try {
    const withLlm = await run(root, { OPENAI_BASE_URL: fake.url, PERFLENS_LLM_MODEL: 'judge' }, 'check', 'src', '--no-types', '--json');
    assert.equal(withLlm.code, 1);
    const v = (JSON.parse(withLlm.out) as typeof json).results.find((r) => r.function === 'work')!.verdict!;
    assert.equal(v.source, 'llm');
    assert.equal(fake.requests[0]!.body.model, 'judge');
  } finally {
    await fake.close();
  }
});
