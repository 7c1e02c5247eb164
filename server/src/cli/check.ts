// `perflens check [paths...] [--baseline main]`: for CI. Every function with a baseline whose code changed is
// benchmarked against it (interleaved, growth too when it takes a collection or string), judged, recorded in
// the history DB and reported, changed functions first.
// Exit 0 when all ACCEPT, 1 on any REJECT or failed benchmark, 2 on any REVIEW.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { comparisonJson, grownLines, type CheckRow, type LineDelta } from '../engine';
import { clipCode, formatNs, formatPValue, formatRatio } from '../format';
import { cliEngine, workspaceRootFor } from './baseline';
import { exitCodeFor, growthOption, llmOptionsFromEnv } from './compare';
import { ExitCode, numberOption, stringOption, type CliCommand, type CliContext } from './command';
import { formatTable } from './table';

/** One function's outcome in a check. */
export type { CheckRow } from '../engine';

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'perflens check [paths...] [--baseline <label>] [--json] [--report <file.md>] [--budget <ms>] [--no-growth] [--all]',
  details: [
    'For each function with a baseline under the paths (default: the whole workspace) whose code changed,',
    'the baseline source is spliced into today\'s module and both run interleaved; the change is classified',
    'and judged (rules engine; the LLM too when OPENAI_BASE_URL or OPENAI_API_KEY is set). Runs and verdicts',
    'are recorded in the history DB. Growth orders are fitted and compared for changed functions that take a',
    'collection or a string (sizes from n = 1 upward, within a capped budget); --no-growth turns that off.',
    'Changed functions are listed first; unchanged ones are counted (--all lists them). --report writes the',
    'same as a Markdown table and, for each regression, the three lines whose cost grew most.',
    'Exit codes: 0 all ACCEPT (or nothing changed), 1 any REJECT or a failed benchmark, 2 any REVIEW,',
    'no baseline, or bad usage.',
  ].join('\n'),
  options: {
    baseline: { type: 'string', short: 'b', valueName: '<label>', description: 'baseline label (default main)' },
    json: { type: 'boolean', description: 'print JSON' },
    report: { type: 'string', valueName: '<file.md>', description: 'write a Markdown report' },
    budget: { type: 'string', valueName: '<ms>', description: 'measuring time per function (default 1000)' },
    note: { type: 'string', valueName: '<text>', description: 'why the changes were made (used by the verdicts)' },
    db: { type: 'string', valueName: '<path>', description: 'history DB file' },
    'no-types': { type: 'boolean', description: 'skip the TypeScript type check in the static analysis' },
    growth: { type: 'boolean', description: 'fit growth orders even when no input is a collection or string' },
    'no-growth': { type: 'boolean', description: 'do not fit and compare growth orders' },
    all: { type: 'boolean', description: 'also list the unchanged functions one by one' },
  },
  positionals: { min: 0, names: '[paths...]' },
  async run(ctx) {
    const label = stringOption(ctx, 'baseline') ?? 'main';
    const budgetMs = numberOption(ctx, 'budget');
    const targets = (ctx.positionals.length ? ctx.positionals : ['.']).map((p) => resolve(ctx.io.cwd, p));
    const reportOption = stringOption(ctx, 'report');
    const reportPath = reportOption === undefined ? undefined : resolve(ctx.io.cwd, reportOption);
    // The report's folder is made before minutes of benchmarks, so a bad path fails at once.
    if (reportPath && !writeReport(ctx, reportPath)) return ExitCode.usage;
    const root = workspaceRootFor(targets[0]!);
    const engine = cliEngine(ctx, root);
    const note = stringOption(ctx, 'note');
    const llm = llmOptionsFromEnv(ctx.io.env);
    try {
      const checked = await engine.check({
        paths: targets,
        label,
        typeCheck: ctx.values['no-types'] !== true,
        growth: growthOption(ctx),
        signal: ctx.signal,
        onCompare: (file, name) => ctx.io.err(`perflens: comparing ${file}#${name} with baseline "${label}"…`),
        ...(budgetMs !== undefined ? { budgetMs } : {}),
        ...(note ? { note } : {}),
        ...(llm ? { llm } : {}),
      });
      if (!checked.ok) {
        ctx.io.err(`perflens: ${checked.error}`);
        return ExitCode.failed;
      }
      if (checked.baselines === 0) {
        ctx.io.err(`perflens: no baseline "${label}" under ${targets.join(', ')}. Set one first, e.g. "perflens baseline set src --label ${label}" on the base branch.`);
        return ExitCode.usage;
      }
      const rows = checked.rows;
      const code = checkExitCode(rows);
      const all = ctx.values.all === true;
      if (reportPath && !writeReport(ctx, reportPath, markdownReport(label, rows, code, all))) return ExitCode.usage;
      if (ctx.values.json) ctx.io.out(JSON.stringify(checkJson(label, rows, code), null, 2));
      else ctx.io.out(textReport(label, rows, code, all));
      return code;
    } finally {
      engine.dispose();
    }
  },
};

/** Creates the report's folder and, given `text`, writes it; false after printing one line on failure. */
function writeReport(ctx: CliContext, file: string, text?: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (text !== undefined) writeFileSync(file, text);
    return true;
  } catch (err) {
    ctx.io.err(`perflens: cannot write the report ${file}: ${(err as Error).message.split('\n')[0]}; pass --report a writable path`);
    return false;
  }
}

/** 1 on any REJECT or failed benchmark, else 2 on any REVIEW, else 0. */
export function checkExitCode(rows: CheckRow[]): number {
  const recs = rows.map((r) => (r.status === 'compared' ? r.comparison.verdict.recommendation : r.status === 'error' ? 'REJECT' : 'ACCEPT'));
  if (recs.includes('REJECT')) return ExitCode.failed;
  if (recs.includes('REVIEW')) return exitCodeFor('REVIEW');
  return ExitCode.ok;
}

function rowCells(r: CheckRow): { change: string; p: string; verdict: string; reasoning: string } {
  if (r.status !== 'compared') {
    return { change: '-', p: '-', verdict: r.status === 'unchanged' ? 'unchanged' : r.status === 'missing' ? 'missing' : 'ERROR', reasoning: r.status === 'unchanged' ? 'same code as the baseline; not benchmarked' : r.message };
  }
  const c = r.comparison;
  return {
    change: `${formatRatio(c.change.ratio)} (${formatRatio(c.change.ci95[0])} … ${formatRatio(c.change.ci95[1])})`,
    p: formatPValue(c.change.pValue),
    verdict: `${c.verdict.recommendation} ${c.verdict.score} (${c.verdict.source})`,
    reasoning: c.verdict.reasoning,
  };
}

const RANK = { REJECT: 0, REVIEW: 1, ACCEPT: 2 } as const;

/**
 * The rows a reader needs first: failures, then compared functions worst verdict first, then missing ones;
 * unchanged functions only with `all` (otherwise they are a count in the summary).
 */
export function orderedRows(rows: CheckRow[], all: boolean): CheckRow[] {
  const key = (r: CheckRow): number => (r.status === 'error' ? -1 : r.status === 'compared' ? RANK[r.comparison.verdict.recommendation] : r.status === 'missing' ? 3 : 4);
  return rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => all || r.status !== 'unchanged')
    .sort((a, b) => key(a.r) - key(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

function summaryLine(rows: CheckRow[], code: number): string {
  const count = (pred: (r: CheckRow) => boolean) => rows.filter(pred).length;
  const rec = (x: string) => count((r) => r.status === 'compared' && r.comparison.verdict.recommendation === x);
  return `${rows.length} function(s): ${rec('ACCEPT')} ACCEPT, ${rec('REVIEW')} REVIEW, ${rec('REJECT')} REJECT, ${count((r) => r.status === 'error')} failed, ${count((r) => r.status === 'unchanged')} unchanged, ${count((r) => r.status === 'missing')} missing → exit ${code}`;
}

/** "3 unchanged functions not shown (--all lists them)", or nothing. */
function hiddenLine(rows: CheckRow[], all: boolean): string[] {
  const n = all ? 0 : rows.filter((r) => r.status === 'unchanged').length;
  return n ? [`${n} unchanged function${n === 1 ? '' : 's'} not shown (--all lists them)`] : [];
}

function textReport(label: string, rows: CheckRow[], code: number, all: boolean): string {
  const shown = orderedRows(rows, all);
  return [
    `baseline "${label}"`,
    ...(shown.length
      ? [
          formatTable(
            ['function', 'file', 'change (95% CI)', 'p', 'verdict'],
            shown.map((r) => {
              const c = rowCells(r);
              return [r.function, r.file, c.change, c.p, c.verdict];
            }),
          ),
        ]
      : []),
    ...shown.filter((r) => r.status !== 'unchanged').map((r) => `  ${r.function}: ${rowCells(r).reasoning}`),
    ...hiddenLine(rows, all),
    summaryLine(rows, code),
  ].join('\n');
}

/** The Markdown report: a heading, a row per changed function (change with CI, p-value, verdict, reasoning), a summary. */
export function markdownReport(label: string, rows: CheckRow[], code: number, all = false): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const shown = orderedRows(rows, all);
  return [
    `## PerfLens check against baseline \`${label}\``,
    '',
    ...(shown.length
      ? [
          '| Function | File | Change (95% CI) | p-value | Verdict | Reasoning |',
          '|---|---|---|---|---|---|',
          ...shown.map((r) => {
            const c = rowCells(r);
            return `| \`${cell(r.function)}\` | ${cell(r.file)} | ${c.change} | ${c.p} | ${cell(c.verdict)} | ${cell(c.reasoning)} |`;
          }),
          '',
        ]
      : []),
    ...hiddenLine(rows, all).map((l) => `${l}\n`),
    // For each regression, the lines whose cost grew most.
    ...rows.flatMap((r) => (r.status === 'compared' && r.comparison.change.classification === 'regression' ? [grownLinesMarkdown(r.function, r.file, r.comparison.lines)].filter(Boolean) : [])),
    summaryLine(rows, code),
    '',
  ].join('\n');
}

function checkJson(label: string, rows: CheckRow[], code: number) {
  return {
    baseline: label,
    exitCode: code,
    results: rows.map((r) =>
      r.status === 'compared' ? { status: r.status, file: r.file, ...comparisonJson(r.comparison) } : { status: r.status, file: r.file, function: r.function, ...('message' in r ? { message: r.message } : {}) },
    ),
  };
}

/** A Markdown section for `check --report`: the lines of one function that grew most, or '' when none grew. */
export function grownLinesMarkdown(functionName: string, file: string, deltas: readonly LineDelta[]): string {
  const grown = grownLines(deltas);
  if (grown.length === 0) return '';
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/`/g, "'");
  return [
    `#### Lines that grew most in \`${cell(functionName)}\` (${cell(file)})`,
    '',
    '| Line | Change per call | Code |',
    '|---|---|---|',
    ...grown.map((d) => `| ${basename(d.file)}:${d.line} | +${formatNs(d.deltaNsPerCall)}${d.status === 'new' ? ' (new)' : ''} | \`${cell(clipCode(d.text))}\` |`),
    '',
  ].join('\n');
}
