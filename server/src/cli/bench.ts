// `perflens bench`: benchmark one function in the sandbox (auto-mocked inputs, timing, memory and
// optionally its growth order) and print a compact summary or the JSON of BenchResult.
import { basename, resolve } from 'node:path';
import { locateFunctions } from '../locate/locate';
import { benchFunction, type BenchResult } from '../profile';
import { findWorkspaceRoot } from '../workspace';
import { functionNotFound, readSource } from './analyze';
import { ExitCode, numberOption, stringOption, UsageError, type CliCommand } from './command';
import { coverageText, formatBytes, formatNs, formatPercent } from '../format';

export const benchCommand: CliCommand = {
  name: 'bench',
  usage: 'perflens bench <file> --function <qualifiedName> [--json] [--budget <ms>] [--growth] [--no-lines] [--allow-env <NAME>] [--require-isolation]',
  details: [
    'Runs the function in a sandboxed child process: OS namespaces where the machine allows them (no network,',
    'read-only files, the temp dir writable), Node\'s permission model, I/O mocked, heap and time limits.',
    'The `sandbox` line (and `isolation` in --json) says which: "namespaces" or "permission-model" (docs/security.md).',
    'Qualified names: `f`, `outer.inner`, `Class.method`, `Class.#private`, `obj.method`, `default`.',
    '--budget is the measuring time (default 1000 ms); with --growth half of it sweeps sizes n = 1, 2, 4, ...',
    'Inputs come from the function\'s calls and tests, then its parameter names, defaults and types; each input line says which (docs/inputs.md).',
    'The "blocks" line is V8 block coverage of the timed inputs, chosen from twice as many candidates to reach the most blocks.',
    'After timing, a profile pass in a child of its own (under 1 s; only where OS namespaces hold) gives the cost per line; --no-lines skips it.',
    'Exit codes: 0 measured, 1 the run failed (timeout, oom, crash, throws, unsupported-input), 2 bad usage or missing file or function.',
  ].join('\n'),
  options: {
    function: { type: 'string', short: 'f', valueName: '<qualifiedName>', description: 'the function to benchmark (required)' },
    json: { type: 'boolean', description: 'print the result as JSON (the schema is in the README)' },
    budget: { type: 'string', valueName: '<ms>', description: 'measuring time in milliseconds (default 1000)' },
    growth: { type: 'boolean', description: 'also fit the growth order over input sizes' },
    'no-lines': { type: 'boolean', description: 'skip the profile pass that gives the cost per line' },
    timeout: { type: 'string', valueName: '<ms>', description: 'hard time limit of the sandbox (default 30000)' },
    node: { type: 'string', valueName: '<path>', description: 'the Node executable to run the function on (default `node`)' },
    'allow-env': { type: 'string', multiple: true, valueName: '<NAME>', description: 'pass this environment variable to the sandbox (repeatable; default: PATH, LANG, LC_*, TZ, NODE_ENV only)' },
    'require-isolation': { type: 'boolean', description: 'refuse to run where OS namespaces are not available' },
  },
  positionals: { min: 1, max: 1, names: 'one <file>' },
  async run(ctx) {
    const qualifiedName = stringOption(ctx, 'function');
    if (!qualifiedName) throw new UsageError('--function <qualifiedName> is required');
    const budgetMs = numberOption(ctx, 'budget');
    const timeoutMs = numberOption(ctx, 'timeout');
    const nodePath = stringOption(ctx, 'node');
    const file = resolve(ctx.io.cwd, ctx.positionals[0]!);
    const text = readSource(file, ctx.io);
    if (text === undefined) return ExitCode.usage;
    const located = locateFunctions(file, text);
    if (!located.functions.some((f) => f.qualifiedName === qualifiedName)) {
      ctx.io.err(functionNotFound(qualifiedName, { file, syntaxErrors: located.syntaxErrors, functions: located.functions.map((fn) => ({ fn })) }));
      return ExitCode.usage;
    }
    const result = await benchFunction({
      file,
      text,
      qualifiedName,
      growth: ctx.values.growth === true,
      lines: ctx.values['no-lines'] !== true,
      workspaceRoot: findWorkspaceRoot(file),
      signal: ctx.signal,
      ...(budgetMs !== undefined ? { budgetMs } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(nodePath !== undefined ? { nodePath } : {}),
      ...(Array.isArray(ctx.values['allow-env']) ? { sandboxEnv: ctx.values['allow-env'] } : {}),
      ...(ctx.values['require-isolation'] === true ? { requireIsolation: true } : {}),
    });
    ctx.io.out(ctx.values.json ? JSON.stringify(result, null, 2) : toText(result));
    return result.status === 'ok' ? ExitCode.ok : ExitCode.failed;
  },
};

/** Where a failure's fix lies, as this command's flags (the engine's messages name no surface). */
const FIX_FLAG: Partial<Record<NonNullable<BenchResult['error']>['kind'], string>> = {
  timeout: 'raise --timeout <ms>, or lower --budget <ms> if the function is just slow at this size',
  crash: 'if the sandbox could not start, pass --node <path> to a Node 20+ executable',
};

/** The isolation line: which layers held the function (docs/security.md). */
export function isolationText(isolation: BenchResult['isolation']): string {
  return isolation === 'namespaces'
    ? 'namespaces (no network, read-only files) + permission model'
    : 'permission-model only: no OS isolation here, so on Node < 25 only the mocks guard the network (docs/security.md)';
}

/** How many hot lines the text output lists. */
const TEXT_LINES = 5;

const count = (x: number): string => Math.round(x).toLocaleString('en-US');

function toText(r: BenchResult): string {
  const lines = [`${r.function}  (${r.inputs.source} inputs, n = ${r.inputs.n}${r.inputs.inputsCloned ? ', a fresh copy per call: it changes its inputs' : ''})`];
  for (const p of r.inputs.params) lines.push(`  input   ${p.name}: ${p.type} = ${p.example}  (from ${p.source})`);
  if (r.status === 'error' && r.error) {
    lines.push(`  error   ${r.error.kind}: ${r.error.message}`);
    const fix = FIX_FLAG[r.error.kind];
    if (fix) lines.push(`  fix     ${fix}`);
  }
  const t = r.timing;
  if (t) {
    const what = t.mode === 'async' ? ' to settle' : t.mode === 'stream' ? ' to first item' : '';
    lines.push(
      `  time    ${formatNs(t.medianNs)}/call${what}  [${formatNs(t.ci95Ns[0])} – ${formatNs(t.ci95Ns[1])}] 95% CI · spread ±${formatPercent(t.medianNs > 0 ? t.madNs / t.medianNs : 0)} · p75 ${formatNs(t.p75Ns)} · p99 ${formatNs(t.p99Ns)}`,
      `          ${count(t.opsPerSec)} ops/s · ${t.samples} samples × ${count(t.iterationsPerSample)} calls${t.itemsPerSec !== undefined ? ` · ${count(t.itemsPerSec)} items/s` : ''}`,
    );
  }
  if (r.memory) {
    lines.push(`  memory  ${formatBytes(r.memory.allocatedBytesPerCall)} allocated/call · ${formatBytes(r.memory.retainedBytesPerCall)} retained/call${r.memory.suspectedLeak ? ' · suspected leak' : ''}`);
  }
  // The hottest lines, as the editor's inlay hints show them.
  for (const [k, l] of r.lines.slice(0, TEXT_LINES).entries()) {
    lines.push(`${k === 0 ? '  lines   ' : '          '}${l.selfPct.toFixed(1).padStart(5)}% · ${formatNs(l.selfNsPerCall)}/call  ${basename(l.file)}:${l.line}  ${l.text.slice(0, 60)}`);
  }
  const outside = r.callees.filter((c) => !c.file).slice(0, 4);
  if (outside.length) lines.push(`  outside ${outside.map((c) => `${c.name} ${c.selfPct}%`).join(' · ')}`);
  if (r.growth) lines.push(`  growth  ${r.growth.order}${r.growth.fit !== null ? ` (fit ${r.growth.fit})` : ''}`);
  if (r.coverage) lines.push(`  blocks  ${coverageText(r.coverage)}`);
  if (r.mocks.length) lines.push(`  mocks   ${r.mocks.map((m) => `${m.module} ×${m.calls}`).join(', ')}`);
  lines.push(`  sandbox ${isolationText(r.isolation)}`);
  for (const w of r.warnings) lines.push(`  note    ${w}`);
  return lines.join('\n');
}
