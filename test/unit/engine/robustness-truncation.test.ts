// Every fixture cut at many points (as while typing) must analyse without any analyser throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../../server/src/engine';

const root = join(__dirname, '../../..');
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourcesUnder(p));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = [...sourcesUnder(join(root, 'test/fixtures')), ...sourcesUnder(join(root, 'examples/demo/src'))];
// Enough cuts to land inside every kind of construct of a fixture (a function header, a body, a string, a
// type) without analysing each file forty times: the fixtures keep growing and this stays a unit test.
const CUTS_PER_FILE = 8;

test('fixtures exist to truncate', () => {
  assert.ok(files.length >= 3, `found ${files.length} fixture files`);
});

test('truncated files never make the locator or an analyser throw', async () => {
  const engine = new Engine({ workspaceRoot: root });
  let cuts = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const step = Math.max(1, Math.floor(text.length / CUTS_PER_FILE));
    for (let at = 0; at <= text.length; at += step) {
      const truncated = text.slice(0, at);
      // The type checker is the slowest part: exercise it on every ninth cut.
      const report = await engine.analyze(file, truncated, { typeCheck: cuts % 9 === 0 });
      assert.deepEqual(report.problems, [], `${file} cut at ${at}`);
      for (const f of report.functions) {
        assert.ok(f.fn.end <= truncated.length, `${f.fn.qualifiedName} ends inside the text`);
        assert.ok(Number.isFinite(f.complexity.cyclomatic) && f.complexity.cyclomatic >= 1);
      }
      cuts++;
    }
  }
  assert.ok(cuts >= files.length * CUTS_PER_FILE);
});
