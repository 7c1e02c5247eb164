// The sandbox's isolation, in one run: what this machine allows, the attack table (class, route, what
// the child saw, whether anything escaped — judged from outside by listeners, canaries, stray files and
// the parent's health), and the cost of layer 1: the cold start of a trivial benchmark with and without
// the namespaces (target: adds ≤ 150 ms) and the median of a trivial function with and without (target:
// within 2%). Runs alternate with/without so drift in machine speed hits both alike.
// Run: npm run bench:sandbox   (builds dist/ first)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatTable } from '../server/src/cli/table';
import { describe } from '../server/src/stats/descriptive';
import type { InputRecipe } from '../server/src/profile/inputs/recipe';
import type { ChildJob } from '../server/src/profile/sandbox/contract';
import { detectIsolation } from '../server/src/profile/sandbox/isolation';
import { createSandboxDir, prepareBundle, removeSandboxDir } from '../server/src/profile/sandbox/prepare';
import { runInSandbox } from '../server/src/profile/sandbox/spawn';
import { NUMBER } from '../test/unit/sandbox/run-fixture';
import { attack, cliAttack, FORGE, filesAttack, networkAttack, secretsAttack, type AttackRow, type Mode } from '../test/unit/isolation/attack-kit';

const FILE = resolve(__dirname, '../test/fixtures/growth/timing.ts');
const ADD: InputRecipe = { params: [{ kind: 'number', integer: true }, { kind: 'number', integer: true }], bindings: [] };
const PAIRS = 7;

/** One run of `add` in a fresh child: wall time to the result, and its median ns per call. */
async function once(mode: Mode, budgetMs: number): Promise<{ coldMs: number; medianNs: number }> {
  const sandboxDir = await createSandboxDir();
  try {
    const prepared = await prepareBundle({ file: FILE, text: readFileSync(FILE, 'utf8'), qualifiedName: 'add', bindings: [], sandboxDir });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const b = prepared.bundle;
    const job: ChildJob = {
      protocol: 1,
      sandboxDir,
      variants: [{ id: 'add', bundlePath: b.bundlePath, sourceFile: b.sourceFile, access: b.access, qualifiedName: 'add' }],
      recipe: ADD,
      size: 100,
      seed: 7,
      poolSize: 16,
      timing: { budgetMs, minSamples: 10, maxSamples: 3000, targetSampleNs: 250_000 },
      memory: false,
      growth: null,
    };
    const t0 = performance.now();
    const out = await runInSandbox(job, { isolation: mode });
    const coldMs = performance.now() - t0;
    if (!out.ok) throw new Error(`${out.error.kind}: ${out.error.message}`);
    return { coldMs, medianNs: describe(out.result.variants[0].samplesNs).median };
  } finally {
    await removeSandboxDir(sandboxDir);
  }
}

const yes = (b: boolean) => (b ? 'YES' : 'no');

async function attackTable(mode: Mode): Promise<AttackRow[]> {
  const rows: AttackRow[] = [];
  rows.push(...(await networkAttack(mode)).rows);
  rows.push(...(await secretsAttack(mode)).rows);
  rows.push(...(await filesAttack(mode)).rows);
  const channel = await attack('channel', [NUMBER], mode);
  const median = channel.outcome.ok ? describe(channel.outcome.result.variants[0].samplesNs).median : 0;
  for (const r of channel.routes) rows.push({ cls: 'result channel', route: r.route, outcome: `${r.outcome}; parent measured ${Math.round(median / 1000)} µs/call`, escaped: median < 10_000 });
  const forge = await attack('work', [NUMBER], mode, { file: FORGE, memory: true });
  const forgedMedian = forge.outcome.ok ? describe(forge.outcome.result.variants[0].samplesNs).median : 0;
  rows.push({ cls: 'forged timing', route: 'replace hrtime.bigint, JSON.stringify, Math.max/min, Array toJSON, Function at load', outcome: forge.outcome.ok ? `measured ${Math.round(forgedMedian / 1000)} µs/call (true cost)` : `rejected: ${forge.outcome.error.kind}`, escaped: forge.outcome.ok && forgedMedian < 10_000 });
  const flood = await attack('flood', [NUMBER], mode);
  rows.push({ cls: 'result channel', route: '40 MB line on fd 3', outcome: flood.outcome.ok ? 'accepted' : `${flood.outcome.error.kind}: ${flood.outcome.error.message.slice(0, 60)}`, escaped: flood.outcome.ok });
  const stop = await attack('stopSelf', [NUMBER], mode, { timeoutMs: 3000 });
  rows.push({ cls: 'parent', route: 'child stops itself (SIGSTOP), limit 3 s', outcome: `${stop.outcome.ok ? 'ok' : stop.outcome.error.kind} after ${Math.round(stop.elapsedMs)} ms`, escaped: stop.elapsedMs > 5000 });
  const mem = await attack('offHeap', [NUMBER], mode, { heapMb: 64, timeoutMs: 20_000 });
  rows.push({ cls: 'memory', route: '64 × 64 MB Buffer.allocUnsafe, heap limit 64 MB', outcome: mem.outcome.ok ? 'all allocated' : mem.outcome.error.message.slice(0, 80), escaped: mem.outcome.ok });
  const cli = await cliAttack('parent', mode);
  rows.push({
    cls: 'parent',
    route: 'SIGUSR1/_debugProcess/SIGSTOP/SIGTERM/SIGKILL to the CLI, kill 0',
    outcome: `CLI exit ${cli.code}${cli.signal ? ` by ${cli.signal}` : ''}, ${cli.json?.status ?? 'no JSON'}, inspector ${cli.inspectorOpened ? 'OPENED' : 'closed'}`,
    escaped: cli.code !== 0 || cli.inspectorOpened || cli.json?.status !== 'ok',
  });
  return rows;
}

async function main(): Promise<void> {
  const cap = detectIsolation();
  console.log(`Isolation detected: ${cap.tool === 'none' ? `none (permission-model only: ${cap.reason})` : `${cap.tool} (${cap.path}) -> isolation "namespaces"`}`);
  console.log(`Node ${process.version}, ${process.platform}-${process.arch}`);
  console.log('');

  for (const mode of (cap.tool === 'none' ? ['off'] : ['auto', 'off']) as Mode[]) {
    const rows = await attackTable(mode);
    console.log(`Attack table, ${mode === 'auto' ? 'all layers (namespaces + permission model + mocks)' : 'without layer 1 (permission model + mocks), as on macOS'}:`);
    console.log(formatTable(['class', 'route', 'outcome', 'escaped'], rows.map((r) => [r.cls, r.route, r.outcome.slice(0, 110), yes(r.escaped)])));
    console.log(`${rows.filter((r) => r.escaped).length} of ${rows.length} routes escaped`);
    console.log('');
  }

  if (cap.tool === 'none') {
    console.log('No namespaces on this machine: the cost of layer 1 cannot be measured here.');
    return;
  }
  // Warm the file cache and the probe once.
  await once('auto', 50);
  await once('off', 50);
  const cold: Record<Mode, number[]> = { auto: [], off: [] };
  const medians: Record<Mode, number[]> = { auto: [], off: [] };
  for (let i = 0; i < PAIRS; i++) {
    for (const mode of (i % 2 === 0 ? ['auto', 'off'] : ['off', 'auto']) as Mode[]) {
      const c = await once(mode, 50);
      cold[mode].push(c.coldMs);
      const m = await once(mode, 400);
      medians[mode].push(m.medianNs);
    }
  }
  const med = (xs: number[]) => describe(xs).median;
  const coldAdded = med(cold.auto) - med(cold.off);
  const ratio = med(medians.auto) / med(medians.off);
  console.log(`Cost of layer 1 (${PAIRS} alternating runs each, medians):`);
  console.log(
    formatTable(
      ['figure', 'with namespaces', 'without', 'difference', 'target', 'met'],
      [
        ['cold start, trivial benchmark (ms)', med(cold.auto).toFixed(0), med(cold.off).toFixed(0), `+${coldAdded.toFixed(0)} ms`, '≤ +150 ms', yes(coldAdded <= 150)],
        ['median of add(a, b) (ns/call)', med(medians.auto).toFixed(3), med(medians.off).toFixed(3), `${((ratio - 1) * 100).toFixed(2)}%`, 'within ±2%', yes(Math.abs(ratio - 1) <= 0.02)],
      ],
    ),
  );
  console.log(`cold starts with: ${cold.auto.map((x) => x.toFixed(0)).join(', ')}; without: ${cold.off.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`medians with: ${medians.auto.map((x) => x.toFixed(3)).join(', ')}; without: ${medians.off.map((x) => x.toFixed(3)).join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
