// Inputs corpus: every function of lodash-es, es-toolkit and PerfLens's service fixture through the full
// pipeline (plan, coverage pass, timed child; not the line profile, which says nothing about inputs), with a short budget each. Prints per corpus: the share
// that ran (target ≥ 97%), the share of parameters whose name asks for a format and whose timed example
// passes that format's check, and the median block coverage (target ≥ 80%); then the in-place-sort vs
// copy-then-sort pair of the fixture, whose times should be within 25% of each other.
//
// Usage: npm run corpus:inputs -- [--budget <ms>] [--concurrency <k>] [--only lodash,es-toolkit,service] [--limit <n>] [--verbose]

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { locateFunctions } from '../server/src/locate/locate';
import { benchFunction, type BenchResult } from '../server/src/profile/index';
import { formatOk, type Format } from '../server/src/profile/inputs/formats';
import { numberFormatFor, singular, stringFormatFor } from '../server/src/profile/inputs/names';
import { arg, causeOf, eachConcurrently, findTarget, LODASH, printFailuresByCause, ROOT } from './corpus-support';

interface Job {
  corpus: string;
  name: string;
  file: string;
  qualifiedName: string;
  workspaceRoot: string;
}

interface Result {
  job: Job;
  ok: boolean;
  cause?: string;
  /** Parameters whose name asks for a format, and whether the timed example passed its check. */
  formats: Array<{ param: string; format: Format; ok: boolean; example: string }>;
  coverage: number | null;
}

const ES_TOOLKIT = join(ROOT, 'node_modules', 'es-toolkit', 'dist');
const ES_CATEGORIES = ['array', 'function', 'math', 'object', 'predicate', 'string', 'util', 'map', 'set'];
const SERVICE = join(ROOT, 'test', 'fixtures', 'service');

function lodashJobs(shimDir: string): Job[] {
  const names = [...readFileSync(join(LODASH, 'lodash.js'), 'utf8').matchAll(/export \{ default as (\w+) \}/g)].map((m) => m[1]).sort();
  const out: Job[] = [];
  for (const name of names) {
    const t = findTarget(name, shimDir);
    if ('file' in t) out.push({ corpus: 'lodash', name, file: t.file, qualifiedName: t.qualifiedName, workspaceRoot: ROOT });
  }
  return out;
}

function esToolkitJobs(): Job[] {
  const out: Job[] = [];
  for (const cat of ES_CATEGORIES) {
    let files: string[] = [];
    try {
      files = readdirSync(join(ES_TOOLKIT, cat)).filter((f) => f.endsWith('.mjs'));
    } catch {
      continue;
    }
    for (const f of files.sort()) {
      const file = join(ES_TOOLKIT, cat, f);
      const name = basename(f, '.mjs');
      const fn = locateFunctions(file, readFileSync(file, 'utf8')).functions.find((x) => x.qualifiedName === name);
      if (fn) out.push({ corpus: 'es-toolkit', name: `${cat}/${name}`, file, qualifiedName: name, workspaceRoot: ROOT });
    }
  }
  return out;
}

function serviceJobs(): Job[] {
  const dir = join(SERVICE, 'src');
  const out: Job[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
    const file = join(dir, f);
    for (const fn of locateFunctions(file, readFileSync(file, 'utf8')).functions) {
      if (fn.kind === 'constructor' || fn.parent) continue;
      out.push({ corpus: 'service', name: `${f}#${fn.qualifiedName}`, file, qualifiedName: fn.qualifiedName, workspaceRoot: SERVICE });
    }
  }
  return out;
}

/** The value an example shows, when it is a JSON string, a number or the first element of an array of those. */
function exampleValue(example: string): unknown {
  const text = example.endsWith('…') ? example.slice(0, -1) : example;
  if (/^-?\d/.test(text)) return Number(text);
  if (text.startsWith('"') && text.endsWith('"') && !example.endsWith('…')) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const first = /^\[("(?:[^"\\]|\\.)*"|-?[\d.]+)/.exec(text);
  if (first) return [exampleValue(first[1])];
  return undefined;
}

/** The format a parameter's name asks for, given its example's kind; undefined when the name asks for none. */
function formatFor(name: string, value: unknown): Format | undefined {
  if (Array.isArray(value)) return formatFor(singular(name), value[0]);
  if (typeof value === 'string') return stringFormatFor(name);
  if (typeof value === 'number') return numberFormatFor(name);
  return undefined;
}

function formatChecks(r: BenchResult): Result['formats'] {
  const out: Result['formats'] = [];
  for (const p of r.inputs.params) {
    const value = exampleValue(p.example);
    const format = formatFor(p.name, value);
    if (!format) continue;
    const v = Array.isArray(value) ? value[0] : value;
    out.push({ param: p.name, format, ok: formatOk(format, v), example: p.example });
  }
  return out;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;

async function sortPair(): Promise<void> {
  const file = join(SERVICE, 'src', 'sorting.ts');
  const ratios: number[] = [];
  const run = async (qualifiedName: string) => benchFunction({ file, qualifiedName, budgetMs: 600, workspaceRoot: SERVICE, lines: false });
  let cloned = true;
  for (let k = 0; k < 3; k++) {
    const inPlace = await run('sortScoresInPlace');
    const copy = await run('sortScoresCopy');
    if (inPlace.timing && copy.timing) ratios.push(inPlace.timing.medianNs / copy.timing.medianNs);
    cloned &&= inPlace.inputs.inputsCloned && !copy.inputs.inputsCloned;
  }
  const r = median(ratios);
  console.log(`sort pair (fixture sorting.ts, n = 100, 3 rounds): in-place / copy-then-sort = ${r.toFixed(3)}  (target within 0.75–1.25)  inputsCloned in-place only: ${cloned}`);
}

async function main(): Promise<void> {
  const budgetMs = Number(arg('--budget') ?? 40);
  const concurrency = Math.max(1, Number(arg('--concurrency') ?? 2));
  const only = arg('--only')?.split(',');
  const limit = arg('--limit') ? Number(arg('--limit')) : Infinity;
  const verbose = process.argv.includes('--verbose');
  const shimDir = mkdtempSync(join(tmpdir(), 'perflens-corpus-'));
  const want = (c: string) => !only || only.includes(c);
  const jobs = [...(want('lodash') ? lodashJobs(shimDir).slice(0, limit) : []), ...(want('es-toolkit') ? esToolkitJobs().slice(0, limit) : []), ...(want('service') ? serviceJobs() : [])];
  // A corpus that is not installed would print 0/0 and pull the total's share the wrong way silently.
  for (const c of ['lodash', 'es-toolkit']) {
    if (want(c) && !jobs.some((j) => j.corpus === c)) {
      console.error(`corpus:inputs: no ${c} functions found; it is a devDependency: run npm install (or npm ci) first, or pass --only to leave it out`);
      process.exit(2);
    }
  }
  const results: Result[] = [];
  const started = Date.now();
  await eachConcurrently(jobs, concurrency, async (job) => {
    const r = await benchFunction({ file: job.file, qualifiedName: job.qualifiedName, budgetMs, timeoutMs: 15_000, workspaceRoot: job.workspaceRoot, lines: false });
    const res: Result = {
      job,
      ok: r.status === 'ok',
      formats: r.status === 'ok' ? formatChecks(r) : [],
      coverage: r.coverage && r.coverage.total > 0 ? r.coverage.covered / r.coverage.total : null,
      ...(r.status === 'ok' ? {} : { cause: causeOf(r.error?.kind ?? 'error', r.error?.message ?? '', [job.qualifiedName]) }),
    };
    results.push(res);
    if (verbose) {
      const bad = res.formats.filter((f) => !f.ok).map((f) => `${f.param}≠${f.format}: ${f.example}`);
      console.log(`${res.ok ? 'ok  ' : 'FAIL'} ${job.corpus}/${job.name}${res.coverage !== null ? ` cov ${(res.coverage * 100).toFixed(0)}%` : ''}${res.ok ? '' : ` ${r.error?.message.slice(0, 200)}`}${bad.length ? ` format: ${bad.join('; ')}` : ''}`);
    }
  });
  rmSync(shimDir, { recursive: true, force: true });

  console.log(`inputs corpus (full pipeline: coverage pass + timed child per function, budget ${budgetMs} ms, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const rows: string[][] = [['corpus', 'functions', 'ok', 'format ok', 'median coverage']];
  const summary = (name: string, rs: Result[]) => {
    const ok = rs.filter((r) => r.ok).length;
    const formats = rs.flatMap((r) => r.formats);
    const cov = rs.map((r) => r.coverage).filter((c): c is number => c !== null);
    rows.push([name, String(rs.length), `${ok}/${rs.length} = ${pct(ok, rs.length)}`, `${formats.filter((f) => f.ok).length}/${formats.length} = ${pct(formats.filter((f) => f.ok).length, formats.length)}`, cov.length ? `${(median(cov) * 100).toFixed(1)}%` : 'n/a']);
  };
  for (const c of ['lodash', 'es-toolkit', 'service']) if (want(c)) summary(c, results.filter((r) => r.job.corpus === c));
  summary('all', results);
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows) console.log(r.map((cell, k) => cell.padEnd(widths[k])).join('  '));
  console.log('targets: ok ≥ 97%, median coverage ≥ 80%');
  const failed = results.filter((r) => !r.ok).map((r) => ({ cause: r.cause, name: `${r.job.corpus}/${r.job.name}` }));
  if (failed.length) printFailuresByCause(failed);
  if (want('service')) await sortPair();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
