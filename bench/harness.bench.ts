// PerfLens's harness against mitata on the same functions and inputs, in one run: per-call time
// ratios (target within ±10%; mitata runs in its own plain-Node process on the same bundle), the CV of PerfLens's median over 10 repeated runs (target ≤ 2%), and
// the cold time to a first result for a trivial function (target ≤ 2 s). Prints a table.
// Run: npm run bench:harness   (builds nothing itself: run `npm run build` first)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { materialize } from '../server/src/profile/inputs/materialize';
import type { InputRecipe } from '../server/src/profile/inputs/recipe';
import type { ChildJob } from '../server/src/profile/sandbox/contract';
import { createSandboxDir, prepareBundle, removeSandboxDir } from '../server/src/profile/sandbox/prepare';
import { runInSandbox } from '../server/src/profile/sandbox/spawn';
import { benchFunction } from '../server/src/profile';
import { describe } from '../server/src/stats/descriptive';
import { formatTable } from '../server/src/cli/table';

const FILE = resolve(__dirname, '../test/fixtures/growth/timing.ts');
const SEED = 7;
const POOL = 16;
const REPEATS = 10;

// A document that serialises to about 1 KB.
const DOC = {
  id: 'c0a8012e-7f3b-4b1a-9d5e-2f1b3c4d5e6f',
  name: 'PerfLens benchmark document',
  tags: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'],
  owner: { id: 42, email: 'owner@example.invalid', roles: ['admin', 'editor'], active: true },
  items: Array.from({ length: 12 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i + 1, price: 9.99 + i, inStock: i % 3 !== 0 })),
  notes: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.',
};

const cases: Array<{ label: string; name: string; recipe: InputRecipe }> = [
  { label: 'a + b', name: 'add', recipe: { params: [{ kind: 'number', integer: true }, { kind: 'number', integer: true }], bindings: [] } },
  { label: '100-item reduce', name: 'reduceSum', recipe: { params: [{ kind: 'array', element: { kind: 'number', integer: true }, sized: true }], bindings: [] } },
  { label: '1 KB JSON.stringify', name: 'stringify', recipe: { params: [{ kind: 'literal', value: DOC }], bindings: [] } },
];

/** PerfLens's median ns per call for one function, measured in a fresh sandbox child. */
async function perflensMedian(name: string, recipe: InputRecipe, budgetMs: number): Promise<number> {
  const sandboxDir = await createSandboxDir();
  try {
    const prepared = await prepareBundle({ file: FILE, text: readFileSync(FILE, 'utf8'), qualifiedName: name, bindings: [], sandboxDir });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const b = prepared.bundle;
    const job: ChildJob = {
      protocol: 1,
      sandboxDir,
      variants: [{ id: name, bundlePath: b.bundlePath, sourceFile: b.sourceFile, access: b.access, qualifiedName: name }],
      recipe,
      size: 100,
      seed: SEED,
      poolSize: POOL,
      timing: { budgetMs, minSamples: 10, maxSamples: 3000, targetSampleNs: 250_000 },
      memory: false,
      growth: null,
    };
    const out = await runInSandbox(job);
    if (!out.ok) throw new Error(`${out.error.kind}: ${out.error.message}`);
    return describe(out.result.variants[0].samplesNs).median;
  } finally {
    await removeSandboxDir(sandboxDir);
  }
}

/**
 * mitata's p50 for the same function and the same pool, measured in a fresh plain-Node process that
 * loads the same esbuild bundle PerfLens runs: no tsx, no TypeScript program in the heap, no sandbox.
 */
async function mitataMedian(name: string, recipe: InputRecipe): Promise<number> {
  const sandboxDir = await createSandboxDir();
  try {
    const prepared = await prepareBundle({ file: FILE, text: readFileSync(FILE, 'utf8'), qualifiedName: name, bindings: [], sandboxDir });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const pool = materialize(recipe, { size: 100, seed: SEED, count: POOL, bindings: {} }).args;
    writeFileSync(join(sandboxDir, 'pool.json'), JSON.stringify(pool));
    const runner = `
      import { measure } from ${JSON.stringify(pathToFileURL(require.resolve('mitata')).href)};
      import { createRequire } from 'node:module';
      import { readFileSync } from 'node:fs';
      const require = createRequire(import.meta.url);
      const fn = require(${JSON.stringify(prepared.bundle.bundlePath)}).__perflens_expose.fn();
      const pool = JSON.parse(readFileSync(${JSON.stringify(join(sandboxDir, 'pool.json'))}, 'utf8'));
      let j = 0;
      const stats = await measure(() => { const a = pool[j]; j = (j + 1) & ${POOL - 1}; return fn(a[0], a[1]); });
      console.log(JSON.stringify({ p50: stats.p50 }));
    `;
    writeFileSync(join(sandboxDir, 'mitata-runner.mjs'), runner);
    const out = execFileSync(process.execPath, [join(sandboxDir, 'mitata-runner.mjs')], { encoding: 'utf8' });
    return (JSON.parse(out.trim().split('\n').pop()!) as { p50: number }).p50;
  } finally {
    await removeSandboxDir(sandboxDir);
  }
}

const fmt = (ns: number): string => (ns < 10 ? ns.toFixed(2) : ns < 100 ? ns.toFixed(1) : ns.toFixed(0));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const mitata: number[] = [];
  for (const c of cases) mitata.push(await mitataMedian(c.name, c.recipe));

  // Cold time to first result: the whole path a user's click takes (plan inputs, bundle, spawn,
  // warm up, measure) on a trivial function, as the first call of this process.
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const first = await benchFunction({
    file: FILE,
    qualifiedName: 'add',
    budgetMs: 300,
    onProgress: (p) => (phases[p.phase] ??= performance.now() - t0),
  });
  const coldMs = performance.now() - t0;
  if (first.status !== 'ok') throw new Error(`cold run failed: ${first.error?.message}`);
  const t1 = performance.now();
  await benchFunction({ file: FILE, qualifiedName: 'add', budgetMs: 300 });
  const warmMs = performance.now() - t1;

  const rows: string[][] = [];
  const spread: string[] = [];
  for (const [i, c] of cases.entries()) {
    const medians: number[] = [];
    for (let r = 0; r < REPEATS; r++) medians.push(await perflensMedian(c.name, c.recipe, 500));
    const d = describe(medians);
    const ratio = d.median / mitata[i];
    spread.push(`${c.label}: ${medians.map(fmt).join(' ')}`);
    rows.push([
      c.label,
      fmt(d.median),
      fmt(mitata[i]),
      ratio.toFixed(3),
      Math.abs(ratio - 1) <= 0.1 ? 'yes' : 'no',
      pct(d.cv),
      d.cv <= 0.02 ? 'yes' : 'no',
    ]);
  }
  console.log(formatTable(['function', 'PerfLens ns/call (median of 10 runs)', 'mitata p50 ns', 'ratio', '±10%', `CV of median (${REPEATS} runs)`, '≤2%'], rows));
  console.log('');
  console.log('PerfLens medians of the 10 runs (ns/call):');
  for (const line of spread) console.log(`  ${line}`);
  console.log('');
  console.log(`cold time to first result (trivial function, budget 300 ms): ${coldMs.toFixed(0)} ms (${coldMs <= 2000 ? 'within' : 'over'} the 2 s target); a second run: ${warmMs.toFixed(0)} ms`);
  const at = (p: string): string => (phases[p] === undefined ? '-' : `${phases[p]!.toFixed(0)} ms`);
  console.log(`  of the cold run: input planning (type checker) done at ${at('bundle')}, child ready and probing at ${at('probe')}, timing from ${at('timing')}, memory from ${at('memory')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
