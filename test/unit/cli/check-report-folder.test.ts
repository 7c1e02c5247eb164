// `check --report` into a folder that does not exist creates it; a path that cannot be a folder fails at
// once with exit 2 and one line, before anything is benchmarked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/index';
import type { CliIO } from '../../../server/src/cli/command';

function io(cwd: string) {
  const err: string[] = [];
  const value: CliIO = { out: () => undefined, err: (t) => err.push(t), cwd, env: {} };
  return { value, err };
}

const project = mkdtempSync(join(tmpdir(), 'perflens-report-'));
writeFileSync(join(project, 'package.json'), '{ "name": "p", "private": true }');
writeFileSync(join(project, 'f.ts'), 'export function f(x: number): number {\n  return x + 1;\n}\n');

test('--report into a missing folder creates the folder and writes the Markdown report', async () => {
  assert.equal(await main(['baseline', 'set', 'f.ts'], io(project).value), 0);
  const t = io(project);
  // The code equals the baseline: nothing is benchmarked; the report counts it, and with --all has its row.
  assert.equal(await main(['check', '--report', 'reports/perf/check.md'], t.value), 0, t.err.join('\n'));
  const report = readFileSync(join(project, 'reports/perf/check.md'), 'utf8');
  assert.match(report, /1 unchanged function not shown \(--all lists them\)/);
  assert.equal(await main(['check', '--all', '--report', 'reports/perf/all.md'], io(project).value), 0);
  assert.match(readFileSync(join(project, 'reports/perf/all.md'), 'utf8'), /\| `f` \| f\.ts \|/);
});

test('--report under a file exits 2 with one line before running anything', async () => {
  writeFileSync(join(project, 'not-a-folder'), '');
  const t = io(project);
  assert.equal(await main(['check', '--report', 'not-a-folder/check.md'], t.value), 2);
  assert.equal(t.err.length, 1);
  assert.match(t.err[0]!, /^perflens: cannot write the report .*not-a-folder\/check\.md: .*--report/);
  assert.equal(existsSync(join(project, 'not-a-folder', 'check.md')), false);
});
