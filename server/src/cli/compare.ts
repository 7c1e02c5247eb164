// `perflens compare <oldFile> <newFile> --function <name>`: two versions of one function side by side,
// benchmarked interleaved in the new file's module, classified and judged. No history DB needed.
import { resolve } from 'node:path';
import { comparisonJson, Engine, type Comparison, type LlmOptions } from '../engine';
import { formatBytes, formatNs, formatRatio, pValueText } from '../format';
import { llmSettingsFromEnv } from '../verdict/llm';
import { findWorkspaceRoot } from '../workspace';
import { functionNotFound, readSource } from './analyze';
import { ExitCode, numberOption, stringOption, UsageError, type CliCommand, type CliContext } from './command';
import { formatTable } from './table';

/** Exit code of a verdict: 0 ACCEPT, 1 REJECT, 2 REVIEW (as `check`). */
export function exitCodeFor(recommendation: 'ACCEPT' | 'REVIEW' | 'REJECT'): number {
  return recommendation === 'ACCEPT' ? ExitCode.ok : recommendation === 'REJECT' ? ExitCode.failed : ExitCode.usage;
}

/** The LLM the CLI asks: from OPENAI_BASE_URL / OPENAI_API_KEY / PERFLENS_LLM_MODEL, or none. */
export function llmOptionsFromEnv(env: NodeJS.ProcessEnv): LlmOptions | undefined {
  const s = llmSettingsFromEnv(env);
  return s.enabled ? { enabled: true, model: s.model, ...(s.baseURL ? { baseUrl: s.baseURL } : {}), ...(s.apiKey ? { apiKey: s.apiKey } : {}) } : undefined;
}

/** --growth forces the growth fit, --no-growth turns it off; by default the engine fits it when an input can grow. */
export function growthOption(ctx: CliContext): boolean | 'auto' {
  return ctx.values['no-growth'] === true ? false : ctx.values.growth === true ? true : 'auto';
}

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'perflens compare <oldFile> <newFile> --function <qualifiedName> [--json] [--budget <ms>] [--note <text>] [--no-growth]',
  details: [
    'The old version is spliced into the new file and both run in alternating blocks in one sandbox child,',
    'on the same inputs. The change is a ratio of medians with a bootstrap 95% CI, a Mann–Whitney p-value and',
    'a 2% noise threshold; the verdict comes from the rules engine, or the LLM when OPENAI_BASE_URL or',
    'OPENAI_API_KEY is set (model: PERFLENS_LLM_MODEL).',
    'Exit codes: 0 ACCEPT, 1 REJECT or a failed benchmark, 2 REVIEW, bad usage or a missing file/function.',
  ].join('\n'),
  options: {
    function: { type: 'string', short: 'f', valueName: '<qualifiedName>', description: 'the function to compare (required)' },
    json: { type: 'boolean', description: 'print JSON: {change, memory, verdict}' },
    budget: { type: 'string', valueName: '<ms>', description: 'measuring time (default 1000)' },
    note: { type: 'string', valueName: '<text>', description: 'why the change was made (used by the verdict)' },
    'no-types': { type: 'boolean', description: 'skip the TypeScript type check in the static analysis' },
    growth: { type: 'boolean', description: 'fit and compare growth orders even when no input is a collection or string' },
    'no-growth': { type: 'boolean', description: 'do not fit growth orders (by default: when an input is a collection or string)' },
  },
  positionals: { min: 2, max: 2, names: '<oldFile> <newFile>' },
  async run(ctx) {
    const name = stringOption(ctx, 'function');
    if (!name) throw new UsageError('--function <qualifiedName> is required');
    const budgetMs = numberOption(ctx, 'budget');
    const oldFile = resolve(ctx.io.cwd, ctx.positionals[0]!);
    const newFile = resolve(ctx.io.cwd, ctx.positionals[1]!);
    const oldText = readSource(oldFile, ctx.io);
    const newText = readSource(newFile, ctx.io);
    if (oldText === undefined || newText === undefined) return ExitCode.usage;

    const engine = new Engine({ workspaceRoot: findWorkspaceRoot(newFile) });
    const note = stringOption(ctx, 'note');
    const llm = llmOptionsFromEnv(ctx.io.env);
    const result = await engine.compareSources({
      oldFile,
      oldText,
      newFile,
      newText,
      qualifiedName: name,
      typeCheck: ctx.values['no-types'] !== true,
      growth: growthOption(ctx),
      signal: ctx.signal,
      ...(budgetMs !== undefined ? { budgetMs } : {}),
      ...(note ? { note } : {}),
      ...(llm ? { llm } : {}),
    });
    engine.dispose();
    if (result.status === 'missing') {
      ctx.io.err(functionNotFound(name, result.report));
      return ExitCode.usage;
    }
    if (result.status === 'error') {
      ctx.io.err(`perflens: ${result.error}`);
      return ExitCode.failed;
    }
    if (ctx.values.json) ctx.io.out(JSON.stringify(comparisonJson(result), null, 2));
    else ctx.io.out(comparisonText(result));
    return exitCodeFor(result.verdict.recommendation);
  },
};

/** Human-readable comparison: a two-row table, the change, the verdict. */
export function comparisonText(c: Comparison): string {
  const bytes = (v: typeof c.baseline) => (v.memory ? formatBytes(v.memory.allocatedBytesPerCall) : '-');
  const rows = [c.baseline, c.current].map((v) => [v.id, formatNs(v.timing.medianNs), `${formatNs(v.timing.ci95Ns[0])} … ${formatNs(v.timing.ci95Ns[1])}`, String(v.samplesNs.length), bytes(v)]);
  return [
    formatTable(['version', 'median', '95% CI', 'samples', 'alloc/call'], rows),
    '',
    `change: ${formatRatio(c.change.ratio)} (95% CI ${formatRatio(c.change.ci95[0])} … ${formatRatio(c.change.ci95[1])}), ${pValueText(c.change.pValue)} → ${c.change.classification}${c.change.conclusive ? '' : ' (inconclusive)'}`,
    ...(c.memory ? [`memory: ${c.memory.classification} (${formatBytes(c.memory.baseline)} → ${formatBytes(c.memory.current)} per call)`] : []),
    ...(c.growth ? [`growth: ${c.growth.classification} (${c.growth.baseline} → ${c.growth.current})`] : []),
    `verdict: ${c.verdict.recommendation} (score ${c.verdict.score}, ${c.verdict.source}, confidence ${c.verdict.confidence.toFixed(2)})`,
    `  ${c.verdict.reasoning}`,
    ...(c.verdict.llmNote ? [`  note: ${c.verdict.llmNote}`] : []),
    ...c.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
