// `perflens compare old new --function f --json` prints the JSON contract and exits by verdict,
// without any history DB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/index';


const version = (extra: string) => `/** Joins words. */\nexport function join(words: string[]): string {\n  ${extra}return words.join(' ');\n}\n`;

test('an added sort before the join: JSON with change, memory and a rules verdict; no DB written', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-cli-compare-'));
  writeFileSync(join(root, 'package.json'), '{"name":"w","private":true}');
  writeFileSync(join(root, 'old.ts'), version(''));
  writeFileSync(join(root, 'new.ts'), version('words = words.slice().sort().reverse().sort();\n  '));
  let out = '';
  let err = '';
  const code = await main(['compare', 'old.ts', 'new.ts', '--function', 'join', '--json', '--no-types'], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    cwd: root,
    env: {},
  });
  const json = JSON.parse(out) as {
    change: { ratio: number; ci95: [number, number]; pValue: number; significant: boolean; classification: string };
    memory: { classification: string } | null;
    verdict: { recommendation: string; score: number; source: string; reasoning: string; confidence: number };
  };
  assert.equal(json.change.classification, 'regression', err);
  assert.ok(json.change.ratio > 1.5 && json.change.ci95[0] <= json.change.ratio && json.change.ratio <= json.change.ci95[1]);
  assert.equal(json.change.significant, true);
  assert.ok(json.change.pValue < 0.01);
  assert.ok(json.memory && ['regression', 'unchanged', 'improvement'].includes(json.memory.classification));
  assert.equal(json.verdict.source, 'rules');
  assert.equal(json.verdict.recommendation, 'REJECT');
  assert.equal(typeof json.verdict.confidence, 'number');
  assert.equal(code, 1, 'REJECT exits 1');
  assert.equal(existsSync(join(root, '.perflens')), false, 'compare needs no DB');
});
