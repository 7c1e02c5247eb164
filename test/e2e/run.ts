// Drives the end-to-end suite in a real VS Code: code-server 4.100.3 (installed by test/e2e/setup.sh)
// opened in Debian's headless Chromium through playwright-core, with the scripted LLM server on 127.0.0.1.
//   node --import tsx test/e2e/run.ts           the extension from this folder (extensionDevelopmentPath)
//   node --import tsx test/e2e/run.ts --vsix    build the .vsix (npm run package), install it into code-server,
//                                              and run the suite against the installed files
//   ... --node <path>                            run the server (perflens.nodePath) on another Node, e.g. 24:
//                                              with --vsix, the packaged better-sqlite3 binary does not fit it
//                                              and the history must open through node:sqlite
// Env: E2E_ROOT (default /tmp/perflens-e2e), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS, VERBOSE=1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startFakeOpenAI } from '../support/fake-openai';

const REPO = path.resolve(__dirname, '../..');
const E2E_ROOT = process.env.E2E_ROOT ?? '/tmp/perflens-e2e';
const CODE_SERVER = path.join(E2E_ROOT, 'cs/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 300_000);
const useVsix = process.argv.includes('--vsix');
/** Where the suite's screenshots go (it asks for one with a `PERFLENS_SCREENSHOT <name> <text | text…>` log line). */
const SHOTS = path.join(REPO, 'test-output', 'e2e', 'screenshots');
const nodeAt = process.argv.indexOf('--node');
/** The Node the server and the sandbox run on (perflens.nodePath). */
const SERVER_NODE = nodeAt >= 0 ? path.resolve(process.argv[nodeAt + 1]!) : process.execPath;
/** Packages the bundles require at run time (kept outside them by scripts/build.mjs). */
const RUNTIME_EXTERNALS = (JSON.parse(readFileSync(path.join(__dirname, '../../scripts/externals.json'), 'utf8')) as { external: string[] }).external;

/** What the scripted model answers to every verdict request. */
const SCRIPTED_VERDICT = {
  score: 12,
  recommendation: 'REJECT',
  reasoning: 'Scripted e2e answer: the inner loop multiplies the work per line with no stated reason.',
  confidence: 0.9,
};

function step(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function mustRun(cmd: string, args: string[], cwd = REPO): void {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

async function waitForHealth(base: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; log: ${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer /healthz within 60 s; log: ${log}`);
}

/**
 * Saves a screenshot once the page shows every part of `text` and a hover, for the suite that asked for it: written under a
 * temporary name and renamed, so the suite (which waits for the file) never sees half a PNG.
 */
async function screenshot(page: import('playwright-core').Page, name: string, text: string): Promise<void> {
  const file = path.join(SHOTS, `${name}.png`);
  try {
    // `text` may name several things to wait for, separated by ' | ' (e.g. the lens and the hover).
    for (const part of text.split(' | ')) await page.getByText(part).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.monaco-hover').first().waitFor({ state: 'visible', timeout: 20_000 });
  } catch (err) {
    step(`screenshot ${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; taking it anyway`);
  }
  await page.screenshot({ path: `${file}.tmp.png` });
  renameSync(`${file}.tmp.png`, file);
  step(`screenshot: ${path.relative(REPO, file)}`);
}

async function main(): Promise<number> {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is missing at ${CODE_SERVER}: run test/e2e/setup.sh first.`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run test/e2e/setup.sh (apt chromium) first.`);

  step('building the extension');
  mustRun(process.execPath, ['scripts/build.mjs']);
  const suiteDir = path.join(REPO, 'test-output/e2e/suite');
  // Inside the repository so the bundle's require('mocha') resolves from its node_modules.
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite/index.ts'), path.join(__dirname, 'suite/extension.e2e.ts')],
    outdir: suiteDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });

  mkdirSync(E2E_ROOT, { recursive: true });
  const run = mkdtempSync(path.join(E2E_ROOT, 'run-'));
  const workspace = path.join(run, 'workspace');
  cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
  const extensionsDir = path.join(run, 'extensions');
  mkdirSync(extensionsDir);
  let extensionPath = REPO;
  let keepRun = true;

  if (useVsix) {
    step('packaging the .vsix');
    mustRun('npm', ['run', 'package', '--', '--out', path.join(run, 'perflens.vsix')]);
    const install = spawnSync(
      CODE_SERVER,
      ['--config', path.join(run, 'config.yaml'), '--extensions-dir', extensionsDir, '--user-data-dir', path.join(run, 'user'), '--install-extension', path.join(run, 'perflens.vsix')],
      { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data') } },
    );
    process.stdout.write(install.stdout + install.stderr);
    const installed = readdirSync(extensionsDir).find((d) => d.startsWith('perflens.perflens-'));
    if (install.status !== 0 || !installed) throw new Error('the .vsix did not install into code-server');
    // The suite then runs against the installed files: exactly what the .vsix shipped.
    extensionPath = path.join(extensionsDir, installed);
    // The bundles load these from node_modules at run time (scripts/build.mjs `external`); vsce ships only
    // `dependencies`, so a runtime package listed under devDependencies would be missing here.
    const missing = RUNTIME_EXTERNALS.filter((name) => !existsSync(path.join(extensionPath, 'node_modules', name, 'package.json')));
    if (missing.length) {
      throw new Error(`the .vsix lacks ${missing.join(', ')}: the server cannot start without them. Move them from devDependencies to dependencies in package.json.`);
    }
  }

  const fake = await startFakeOpenAI({ script: [{ kind: 'answer', content: SCRIPTED_VERDICT }] });
  step(`scripted LLM at ${fake.url}`);
  // User settings (machine-scoped ones are ignored in workspace settings by design, see package.json).
  const settings = {
    'perflens.nodePath': SERVER_NODE,
    'perflens.llm.enabled': true,
    'perflens.llm.baseUrl': fake.url,
    'perflens.llm.model': 'scripted',
    'perflens.benchmark.budgetMs': 400,
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
  };
  for (const scope of ['User', 'Machine']) {
    mkdirSync(path.join(run, 'user', scope), { recursive: true });
    writeFileSync(path.join(run, 'user', scope, 'settings.json'), JSON.stringify(settings, null, 2));
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const outFile = path.join(run, 'result.json');
  const logFile = path.join(run, 'code-server.log');
  const out = openSync(logFile, 'w');
  step(`code-server on ${base} (run directory ${run})`);
  const server = spawn(
    CODE_SERVER,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--user-data-dir', path.join(run, 'user'), '--extensions-dir', extensionsDir,
      '--config', path.join(run, 'config.yaml'),
    ],
    {
      // Its own process group, so cleanup stops code-server and every extension host it started.
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(run, 'xdg-config'),
        XDG_DATA_HOME: path.join(run, 'xdg-data'),
        XDG_CACHE_HOME: path.join(run, 'xdg-cache'),
        PERFLENS_E2E_OUT: outFile,
        PERFLENS_E2E_SHOTS: SHOTS,
        // The fake ignores it; with a key the LLM path is the one a real user gets.
        PERFLENS_LLM_API_KEY: 'e2e-not-a-secret',
      },
    },
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await waitForHealth(base, server, logFile);
    const authority = `127.0.0.1:${port}`;
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${path.join(suiteDir, 'index.js')}`],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const page = await browser.newPage();
    let finish!: (code: number | 'timeout') => void;
    const exited = new Promise<number | 'timeout'>((resolve) => (finish = resolve));
    // The workbench forwards the extension host's console here (the hook @vscode/test-web uses too).
    const noise = /open-vsx|ENOTFOUND|ERR_NAME_NOT_RESOLVED|connection token|Creating a socket|builtin extensions cache|Service Worker|An unknown error occurred/;
    mkdirSync(SHOTS, { recursive: true });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(args ?? []));
      if (process.env.VERBOSE || !noise.test(text)) process.stdout.write(`[${type}] ${text}\n`);
      const shot = /PERFLENS_SCREENSHOT (\S+) (.+)/.exec(text);
      if (shot) void screenshot(page, shot[1]!, shot[2]!);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    if (process.env.VERBOSE) page.on('console', (m) => process.stdout.write(`[browser] ${m.type()} ${m.text()}\n`));
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    await page.goto(url);
    const code = await exited;
    clearTimeout(timer);
    step(`extension tests exit code: ${code}`);
    step(`scripted LLM requests: ${fake.requests.length}`);
    if (existsSync(outFile)) step(`result: ${readFileSync(outFile, 'utf8').trim()}`);
    const passed = code === 0 && fake.requests.length > 0;
    if (code === 0 && fake.requests.length === 0) step('FAIL: the verdict never reached the scripted LLM');
    if (passed) keepRun = false;
    else step(`kept for inspection: ${run} (code-server log: ${logFile})`);
    return passed ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await fake.close();
    if (!keepRun) rmSync(run, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[e2e] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
