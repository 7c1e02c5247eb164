// `npm run bench:startup`: how soon PerfLens answers, as users start it (the built bundles, not the sources).
// Built as users get them (production bundles). Medians of 5 runs each, beside the targets on an idle
// two-core machine:
//   server start → first lenses  spawn `perflens lsp --stdio`, initialize, open a file, codeLens   ≤ 1.5 s
//   perflens --help               the whole process                                              ≤ 150 ms
//   click → result                executeCommand benchmark of a trivial function, default budget  ≤ 1.5 s
// Beside them, the same machine's floor: `node -e 0` (a busy machine slows everything; compare the ratio),
// and the CPU time the server process (all its threads) spent until the first lenses, which a busy machine
// stretches much less than wall time (Linux: /proc; elsewhere not shown).
// Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { CommandResult } from '../server/src/protocol';
import { startLsp } from '../test/lsp/support/client';
import { verdict } from './stats';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin/perflens.js');
const RUNS = 5;
const SOURCE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function processMs(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return since(t0);
}

/** CPU time (user + system, every thread) of a running process in ms, from /proc; undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100/s on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** One cold server: spawn → first non-empty lenses, then click → result on the same server. */
async function serverRun(): Promise<{ lensesMs: number; lensesCpuMs: number | undefined; clickMs: number }> {
  const t0 = process.hrtime.bigint();
  const lsp = await startLsp({ command: [process.execPath, BIN, 'lsp', '--stdio'] });
  try {
    const uri = await lsp.open('add.ts', SOURCE);
    let lenses: CodeLens[] = [];
    // Lenses may come after a first empty answer while the file is located: ask again until they show.
    while (lenses.length === 0) {
      lenses = await lsp.codeLenses(uri);
      if (lenses.length === 0) await new Promise((r) => setTimeout(r, 10));
      if (since(t0) > 60_000) throw new Error('no lenses within 60 s');
    }
    const lensesMs = since(t0);
    const lensesCpuMs = cpuMs(lsp.process.pid);
    const t1 = process.hrtime.bigint();
    const result = (await lsp.connection.sendRequest('workspace/executeCommand', {
      command: 'perflens.server.benchmark',
      arguments: [{ uri, qualifiedName: 'add' }],
    })) as CommandResult;
    const clickMs = since(t1);
    if (!result.ok) throw new Error(`benchmark failed: ${result.message}`);
    return { lensesMs, lensesCpuMs, clickMs };
  } finally {
    await lsp.close();
  }
}

async function main() {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) throw new Error('build first: node scripts/build.mjs');
  const floor: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(processMs(['-e', '0']));
    help.push(processMs([BIN, '--help']));
  }
  const lenses: number[] = [];
  const clicks: number[] = [];
  const lensesCpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await serverRun();
    lenses.push(r.lensesMs);
    clicks.push(r.clickMs);
    if (r.lensesCpuMs !== undefined) lensesCpu.push(r.lensesCpuMs);
  }
  const rows: [string, number, number | undefined][] = [
    ['server start → first lenses', median(lenses), 1500],
    ['perflens --help', median(help), 150],
    ['click → result (trivial function)', median(clicks), 1500],
    ['node -e 0 (this machine\'s floor)', median(floor), undefined],
    ...(lensesCpu.length ? [['server CPU time to first lenses', median(lensesCpu), undefined] as [string, number, undefined]] : []),
  ];
  console.log(`bench:startup — medians of ${RUNS}, Node ${process.versions.node}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const [name, ms, target] of rows) {
    console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms   ${target !== undefined ? `target ≤ ${target} ms  ${verdict(ms, target)}` : ''}`);
  }
  console.log(`  runs (ms): lenses ${lenses.map((x) => x.toFixed(0)).join(' ')} · help ${help.map((x) => x.toFixed(0)).join(' ')} · click ${clicks.map((x) => x.toFixed(0)).join(' ')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
