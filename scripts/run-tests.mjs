// Runs every unit and protocol-level test file with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [substring filter]
// Files run in parallel (one process each): most of a file's time is spent waiting on a sandbox child,
// a language server or git, so one more file than there are CPUs keeps the machine busy without
// starving it. No test asserts wall-clock speed, so the order and overlap do not matter.
// PERFLENS_TEST_CONCURRENCY overrides the count.
import { availableParallelism } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['test/unit', 'test/lsp'];
const filter = process.argv[2];
const files = [];
const walk = (dir) => {
  let entries = [];
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts') && (!filter || p.includes(filter))) files.push(p);
  }
};
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const concurrency = Number(process.env.PERFLENS_TEST_CONCURRENCY) || availableParallelism() + 1;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
