// Test helper (not a test): runs each attack of test/fixtures/hostile/attacks.ts in a real sandbox child
// and judges from the outside whether anything escaped: a TCP, UDP and Unix-socket listener that count
// what reaches them, canary files and environment values searched for in every output, files that
// must not appear, and the parent's health. Shared by the isolation tests and bench/sandbox.bench.ts,
// which prints the table.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ValueRecipe } from '../../../server/src/profile/inputs/recipe';
import type { ChildOutcome } from '../../../server/src/profile/sandbox/spawn';
import { NUMBER, runFixture } from '../sandbox/run-fixture';

export const ROOT = resolve(__dirname, '../../..');
export const ATTACKS = resolve(__dirname, '../../fixtures/hostile/attacks.ts');
export const FORGE = resolve(__dirname, '../../fixtures/hostile/forge.ts');

/** `auto`: every layer; `off`: without the namespaces (layer 1), as on macOS or in a locked-down container. */
export type Mode = 'auto' | 'off';

/** One route of one attack class, with what the child saw and whether anything got out. */
export interface AttackRow {
  cls: string;
  route: string;
  outcome: string;
  escaped: boolean;
}

const literal = (value: unknown): ValueRecipe => ({ kind: 'literal', value }) as ValueRecipe;

/** Runs one attack function; returns the outcome, the ATTACK lines and every log line. */
export async function attack(fn: string, params: ValueRecipe[], mode: Mode, opts: { timeoutMs?: number; heapMb?: number; file?: string; memory?: boolean; env?: string[] } = {}) {
  const lines: string[] = [];
  const run = await runFixture(opts.file ?? ATTACKS, fn, {
    recipe: { params, bindings: [] },
    budgetMs: 100,
    memory: opts.memory ?? false,
    spawn: { timeoutMs: opts.timeoutMs ?? 10_000, heapMb: opts.heapMb ?? 128, isolation: mode, log: (l) => lines.push(l), ...(opts.env ? { env: opts.env } : {}) },
  });
  const routes = lines
    .map((l) => /ATTACK (.*?) => (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ route: m[1], outcome: m[2] }));
  return { outcome: run.outcome, elapsedMs: run.elapsedMs, routes, lines };
}

/** Network: a TCP, a UDP and a Unix-socket listener on this machine count what reaches them. */
export async function networkAttack(mode: Mode): Promise<{ rows: AttackRow[]; reached: number; outcome: ChildOutcome }> {
  let reached = 0;
  const tcp = createServer((s) => {
    reached++;
    s.destroy();
  });
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'perflens-agent-'));
  const unixPath = join(dir, 'agent.sock');
  const unix = createServer((s) => {
    reached++;
    s.destroy();
  });
  await new Promise<void>((r) => unix.listen(unixPath, r));
  const udp = createSocket('udp4');
  udp.on('message', () => reached++);
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  const port = (tcp.address() as { port: number }).port;
  const udpPort = udp.address().port;
  try {
    const r = await attack('network', [literal(port), literal(udpPort), literal(unixPath)], mode);
    // Let anything in flight land before counting.
    await new Promise((res) => setTimeout(res, 200));
    const rows = r.routes.map((x) => ({ cls: 'network', route: x.route, outcome: x.outcome, escaped: reached > 0 }));
    return { rows, reached, outcome: r.outcome };
  } finally {
    tcp.close();
    unix.close();
    udp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Canary values planted in the parent's environment and in a file outside the sandbox. */
export interface Canaries {
  file: string;
  values: string[];
  dispose(): void;
}

/** Plants canaries: an environment token, a database URL with a password, and a file outside the temp dir. */
export function plantCanaries(): Canaries {
  const tag = randomBytes(6).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'perflens-canary-'));
  const file = join(dir, 'credentials');
  const fileText = `canary-file-${tag}`;
  writeFileSync(file, fileText);
  const token = `canary-env-${tag}`;
  const password = `canarypw${tag}`;
  const saved = { PERFLENS_CANARY_TOKEN: process.env.PERFLENS_CANARY_TOKEN, DATABASE_URL: process.env.DATABASE_URL };
  process.env.PERFLENS_CANARY_TOKEN = token;
  process.env.DATABASE_URL = `postgres://app:${password}@db.invalid:5432/prod`;
  return {
    file,
    values: [fileText, token, password],
    dispose() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Secrets: the loot must appear nowhere the parent shows it (result, error, warnings, log). */
export async function secretsAttack(mode: Mode): Promise<{ rows: AttackRow[]; leaked: string[]; outcomes: ChildOutcome[] }> {
  const c = plantCanaries();
  try {
    const a = await attack('secrets', [NUMBER, literal(c.file)], mode);
    const b = await attack('crashWithSecrets', [NUMBER, literal(c.file)], mode);
    const shown = JSON.stringify([a.outcome, b.outcome]) + a.lines.join('\n') + b.lines.join('\n');
    const leaked = c.values.filter((v) => shown.includes(v));
    const rows = a.routes.map((x) => ({ cls: 'secrets', route: x.route, outcome: x.outcome, escaped: leaked.length > 0 }));
    rows.push({ cls: 'secrets', route: 'thrown, logged, dropped-input warnings, crash stderr tail', outcome: leaked.length ? `leaked ${leaked.length} canaries` : 'no canary in any output', escaped: leaked.length > 0 });
    return { rows, leaked, outcomes: [a.outcome, b.outcome] };
  } finally {
    c.dispose();
  }
}

/** Files written outside the temp dir must not exist afterwards. */
export async function filesAttack(mode: Mode): Promise<{ rows: AttackRow[]; escaped: string[]; outcome: ChildOutcome }> {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-outside-'));
  const workspace = resolve(__dirname, '../../fixtures/hostile');
  const before = new Set(readdirSync(workspace));
  try {
    const r = await attack('writeOutside', [NUMBER, literal(dir), literal(workspace)], mode);
    const escaped = [...readdirSync(dir), ...readdirSync(workspace).filter((f) => !before.has(f)), ...readdirSync(tmpdir()).filter((f) => /^escaped-/.test(f))];
    for (const f of readdirSync(workspace)) if (!before.has(f)) rmSync(join(workspace, f), { force: true });
    const rows = r.routes.map((x) => ({ cls: 'files', route: x.route, outcome: x.outcome, escaped: escaped.length > 0 }));
    return { rows, escaped, outcome: r.outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `perflens` CLI as the parent: it must survive the attack, answer, and never open an inspector. */
export async function cliAttack(fn: string, mode: Mode, extraArgs: string[] = [], onSpawn?: (pid: number) => void) {
  const env = { ...process.env, ...(mode === 'off' ? { PERFLENS_ISOLATION: 'none' } : {}) };
  const child = spawn(process.execPath, [join(ROOT, 'bin/perflens.js'), 'bench', ATTACKS, '--function', fn, '--json', '--budget', '200', '--timeout', '8000', ...extraArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  if (child.pid) onSpawn?.(child.pid);
  const started = Date.now();
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('close', (c, s) => r([c, s])));
  let json: { status?: string; error?: { kind: string; message: string } | null; isolation?: string } | undefined;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, signal, stdout, stderr, json, elapsedMs: Date.now() - started, inspectorOpened: /Debugger listening/.test(stderr) };
}

/** Files named like the attack's escape attempts, anywhere they could land. */
export function strayFiles(): string[] {
  return ['/tmp', ROOT].flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.startsWith('escaped-')) : []));
}
