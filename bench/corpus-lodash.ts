// Corpus run: every exported function of lodash-es through input synthesis and the profiler, with a
// short budget each; prints the share that ran (target ≥ 90%) and the failures grouped by cause.
//
// Usage: npm run corpus:lodash -- [--in-process] [--budget <ms>] [--concurrency <k>] [--only a,b] [--verbose]
//   default        the full pipeline: benchFunction (bundle, sandbox child, harness) per function
//   --in-process   planInputs + materialize + a direct call here (no sandbox; for quick iteration)
//
// lodash-es declares most exports as `function name(...)` in `<name>.js`; aliases re-export another
// file; about a quarter are made by factories (`var camelCase = createCompounder(...)`), which the
// locator does not see as functions. For those we write a one-line wrapper module carrying the
// export's JSDoc — what a user would do to benchmark such a value — and report how many needed one.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFunctions } from '../server/src/locate/locate';
import { arg, causeOf, eachConcurrently, findTarget, printFailuresByCause, ROOT, type Outcome, type Target } from './corpus-support';
import { planInputs } from '../server/src/profile/inputs/index';
import { materialize } from '../server/src/profile/inputs/materialize';
import { benchFunction } from '../server/src/profile/index';

async function inProcess(t: Target, mod: Record<string, unknown>): Promise<Omit<Outcome, 'name' | 'how' | 'ms'>> {
  const text = readFileSync(t.file, 'utf8');
  const fn = locateFunctions(t.file, text).functions.find((f) => f.qualifiedName === t.qualifiedName);
  if (!fn) return { ok: false, cause: 'unsupported-input: not located' };
  const plan = planInputs(t.file, text, fn, { workspaceRoot: ROOT });
  if (plan.problems.length) return { ok: false, cause: causeOf('unsupported-input', plan.problems[0].message, [t.name, t.qualifiedName]) };
  // A wrapper is called as the pipeline would call it; everything else straight from lodash.
  const target = (t.how === 'wrapper' ? (await import(t.file))[t.name] : mod[t.name]) as (...a: unknown[]) => unknown;
  const { args, receivers } = materialize(plan.recipe, { size: 100, seed: 1, count: 8, bindings: mod });
  let lastError = '';
  let okCount = 0;
  for (const [k, a] of args.entries()) {
    try {
      const r = target.apply(receivers[k], a);
      if (r instanceof Promise) await Promise.race([r, new Promise((_, rej) => setTimeout(() => rej(new Error('did not settle in 1 s')), 1000))]);
      okCount++;
    } catch (e) {
      lastError = (e as Error)?.message ?? String(e);
    }
  }
  return okCount > 0 ? { ok: true } : { ok: false, cause: causeOf('throws', lastError, [t.name, t.qualifiedName]), detail: lastError };
}

async function main(): Promise<void> {
  const useSandbox = !process.argv.includes('--in-process');
  const budgetMs = Number(arg('--budget') ?? 50);
  const concurrency = Math.max(1, Number(arg('--concurrency') ?? 2));
  const only = arg('--only')?.split(',');
  const verbose = process.argv.includes('--verbose');
  const lodashSpecifier = 'lodash-es'; // a variable: lodash-es ships no types, and none are needed here
  const mod = (await import(lodashSpecifier)) as Record<string, unknown>;
  const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function' && k !== 'default' && (!only || only.includes(k))).sort();
  const shimDir = mkdtempSync(join(tmpdir(), 'perflens-lodash-'));
  const bench = useSandbox ? benchFunction : undefined;

  const outcomes: Outcome[] = [];
  const started = Date.now();
  await eachConcurrently(names, concurrency, async (name) => {
    const t0 = Date.now();
    const target = findTarget(name, shimDir);
    if (!('file' in target)) {
      outcomes.push({ name, how: 'direct', ok: false, cause: `not located: ${target.cause}`, ms: 0 });
      return;
    }
    let res: Omit<Outcome, 'name' | 'how' | 'ms'>;
    if (bench) {
      // Whether the inputs run is what this counts: the line profile (its own child) is left out, as in corpus:inputs.
      const r = await bench({ file: target.file, qualifiedName: target.qualifiedName, budgetMs, timeoutMs: 15_000, workspaceRoot: ROOT, lines: false });
      res = r.status === 'ok' ? { ok: true } : { ok: false, cause: causeOf(r.error?.kind ?? 'error', r.error?.message ?? '', [name, target.qualifiedName]), detail: r.error?.message };
    } else {
      res = await inProcess(target, mod);
    }
    const o = { name, how: target.how, ms: Date.now() - t0, ...res };
    outcomes.push(o);
    if (verbose) console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${name} (${o.how}, ${o.ms} ms)${o.ok ? '' : ` ${o.detail?.slice(0, 300) ?? o.cause}`}`);
  });
  rmSync(shimDir, { recursive: true, force: true });

  const ran = outcomes.filter((o) => o.ok).length;
  const byHow = (h: Target['how']) => outcomes.filter((o) => o.how === h);
  console.log(`lodash-es corpus (${useSandbox ? 'full pipeline: benchFunction in the sandbox' : 'in-process: planInputs + materialize + call'}, budget ${budgetMs} ms, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`ran: ${ran}/${outcomes.length} = ${((100 * ran) / Math.max(1, outcomes.length)).toFixed(1)}%  (target ≥ 90%)`);
  for (const h of ['direct', 'alias', 'wrapper'] as const) {
    const g = byHow(h);
    console.log(`  ${h.padEnd(8)} ${g.filter((o) => o.ok).length}/${g.length}`);
  }
  printFailuresByCause(outcomes.filter((o) => !o.ok));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
