// The npm package as a user gets it: `npm pack` → `npm install -D ./perflens-*.tgz` into a fresh project
// (from npm's cache, no network download, no native build: better-sqlite3's binary is inside the package)
// → `npx perflens` runs there: --version, bench, and a baseline in the project's own history DB; then the
// composite action's steps (action.yml) run in that project as a pull request would run them.
// Needs built bundles (`npm run test:pack` builds first). Slow (an npm install), so not part of `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, ...options, env: { ...process.env, npm_config_yes: 'true', ...options.env } });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

test('the packed tarball installs into a fresh project and `npx perflens` benchmarks and keeps history there', () => {
  assert.ok(existsSync(join(ROOT, 'dist/cli-core.js')), 'build first: node scripts/build.mjs');
  const work = mkdtempSync(join(tmpdir(), 'perflens-pack-'));
  try {
    // --ignore-scripts: pack the bundles just built instead of rebuilding dist/ under running tests.
    const packed = run(npm, ['pack', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], { cwd: ROOT });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = readdirSync(work).find((f) => /^perflens-.*\.tgz$/.test(f));
    assert.ok(tarball, `no tarball in ${work}`);

    const app = join(work, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2));
    writeFileSync(join(app, 'src/sum.ts'), 'export function sum(values: number[]): number {\n  let s = 0;\n  for (const v of values) s += v;\n  return s;\n}\n');
    const installed = run(npm, ['install', '-D', join(work, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app });
    assert.equal(installed.status, 0, installed.stderr);
    const deps = readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'));
    assert.ok(!deps.includes('better-sqlite3') && !deps.includes('typescript'), `bundled packages are not installed separately: ${deps.join(', ')}`);

    const version = run('npx', ['perflens', '--version'], { cwd: app });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^perflens \d+\.\d+\.\d+/);

    const bench = run('npx', ['perflens', 'bench', 'src/sum.ts', '--function', 'sum', '--json', '--budget', '200'], { cwd: app });
    assert.equal(bench.status, 0, bench.stderr);
    const result = JSON.parse(bench.stdout) as { status: string; timing?: { medianNs: number } };
    assert.equal(result.status, 'ok');
    assert.ok((result.timing?.medianNs ?? 0) > 0);

    const baseline = run('npx', ['perflens', 'baseline', 'set', 'src', '--label', 'main'], { cwd: app });
    assert.equal(baseline.status, 0, baseline.stderr);
    const shown = run('npx', ['perflens', 'baseline', 'show', 'src', '--json'], { cwd: app });
    assert.equal(shown.status, 0, shown.stderr);
    assert.deepEqual((JSON.parse(shown.stdout) as { function: string; current: string }[]).map((r) => [r.function, r.current]), [['sum', 'same']]);
    assert.ok(existsSync(join(app, '.perflens/history.db')), 'the history is in the project');

    runActionSteps(app, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** The `run:` scripts of action.yml, in order (its steps are plain bash reading their inputs from env). */
function actionScripts(): string[] {
  const lines = readFileSync(join(ROOT, 'action.yml'), 'utf8').split('\n');
  const scripts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)run: \|$/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    for (i++; i < lines.length && (lines[i]!.trim() === '' || lines[i]!.startsWith(m[1] + '  ')); i++) body.push(lines[i]!.slice(m[1]!.length + 2));
    i--;
    scripts.push(body.join('\n'));
  }
  return scripts;
}

/** A pull request in `app`: base commit, a changed function on top, then the action's two steps. */
function runActionSteps(app: string, work: string) {
  const git = (...args: string[]) => {
    const r = run('git', ['-c', 'user.name=PerfLens', '-c', 'user.email=ci@example.invalid', ...args], { cwd: app });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  writeFileSync(join(app, '.gitignore'), 'node_modules/\n.perflens/\n');
  git('init', '--quiet');
  git('add', '.');
  git('commit', '--quiet', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(join(app, 'src/sum.ts'), 'export function sum(values: number[]): number {\n  return [...values].sort((a, b) => a - b).reduce((s, v) => s + v, 0);\n}\n');
  git('commit', '--quiet', '-am', 'sum: sort first');

  const runnerTemp = join(work, 'runner-temp');
  mkdirSync(runnerTemp);
  const summary = join(work, 'step-summary.md');
  const output = join(work, 'step-output.txt');
  const env = {
    RUNNER_TEMP: runnerTemp,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    PERFLENS_BASE: base,
    PERFLENS_PATH: 'src',
    PERFLENS_LABEL: 'main',
    PERFLENS_BUDGET: '300',
    PERFLENS_FAIL_ON_REVIEW: 'false',
    PERFLENS_HISTORY_DB: join(runnerTemp, 'perflens/history.db'),
  };
  const [baselineStep, checkStep] = actionScripts();
  assert.ok(baselineStep && checkStep, 'action.yml has the baseline and the check step');
  const baseline = run('bash', ['-c', baselineStep], { cwd: app, env });
  assert.equal(baseline.status, 0, baseline.stderr + baseline.stdout);
  assert.match(baseline.stdout, /baseline "main" set for 1 function/);
  const check = run('bash', ['-c', checkStep], { cwd: app, env });
  const code = Number(/exit-code=(\d)/.exec(readFileSync(output, 'utf8'))?.[1]);
  assert.ok([0, 1, 2].includes(code), `exit-code output: ${readFileSync(output, 'utf8')}`);
  // REVIEW passes the step (fail-on-review is off); REJECT fails it.
  assert.equal(check.status, code === 1 ? 1 : 0, check.stderr);
  const report = readFileSync(summary, 'utf8');
  assert.match(report, /^## PerfLens check against baseline `main`/m);
  assert.match(report, /\| `sum` \| src\/sum\.ts \|/);
  assert.equal(git('status', '--porcelain'), '', 'the checkout under test is left as it was');
}
