// Presentation: the text of lenses, hovers, diagnostics and command messages, as plain functions of the
// engine's one view of a run (FunctionStatus). The only place editor text is built.
import { DiagnosticSeverity, MarkupKind, type Diagnostic, type Hover } from 'vscode-languageserver/node';
import { statusFor, type FunctionAnalysis, type FunctionStatus } from '../engine';
import { coverageText, formatBytes, formatNs, formatPercent, formatRelativeHalfWidth } from '../format';
import type { LocatedFunction, Position } from '../locate/types';
import type { SecurityFinding } from '../analyze/security';
import { DiagnosticCode, type BenchmarkSummary, type CommandTarget } from '../protocol';
import type { PerfLensSettings } from './settings';

const signedPercent = (ratio: number): string => {
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
};

const VERDICT_MARK = { ACCEPT: '✓', REVIEW: '?', REJECT: '✗' } as const;

/** The stored run shown for a function, and whether it measured an earlier version of the code on screen. */
export interface Shown {
  status: FunctionStatus;
  stale: boolean;
}

/** The run to show for `fn` as it is on screen (see statusFor). */
export function shownFor(statuses: readonly FunctionStatus[] | undefined, fn: LocatedFunction): Shown | undefined {
  return statuses ? statusFor(statuses, fn.qualifiedName, fn.hash) : undefined;
}

/** The lens title of one function: `▶ Benchmark` before a run, else its figures and verdict. */
export function lensTitle(shown: Shown | undefined, cyclomatic: number | undefined): string {
  const cc = cyclomatic !== undefined ? `CC ${cyclomatic}` : undefined;
  if (!shown) return ['▶ Benchmark', cc].filter(Boolean).join(' · ');
  const { status, stale } = shown;
  const run = status.run;
  const before = stale ? ' (before edit)' : '';
  if (!run.ok) return `⚠ Benchmark failed${before} · ${firstLine(run.failure?.message ?? 'see hover')} · ▶ re-run`;
  const verdict = status.verdict ? `${VERDICT_MARK[status.verdict.recommendation]} ${status.verdict.recommendation}` : undefined;
  const change = status.change;
  if (change && change.classification !== 'unchanged') {
    const arrow = change.ratio > 1 ? '▲' : '▼';
    return [`${arrow} ${signedPercent(change.ratio)} vs ${change.baselineLabel}${before}`, verdict].filter(Boolean).join(' · ');
  }
  const median = run.medianNs !== undefined ? formatNs(run.medianNs) : 'measured';
  const spread = run.ci95Ns && run.medianNs ? ` ${formatRelativeHalfWidth(run.ci95Ns, run.medianNs)}` : '';
  return [`${median}${spread}${before}`, run.growthOrder, cc, verdict].filter(Boolean).join(' · ');
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** A `command:` link for a Markdown hover. */
function commandLink(label: string, command: string, arg: CommandTarget): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

/** Command ids for hover links: the client's own ids when it wraps them, else the server's. */
export interface HoverCommands {
  benchmark: string;
  setBaseline: string;
  showHistory: string;
}

/** The hover over a function's name: its latest run, change, verdict, complexity and action links. */
export function hoverFor(fn: LocatedFunction, shown: Shown | undefined, analysis: FunctionAnalysis | undefined, target: CommandTarget, trusted: boolean, commands: HoverCommands): Hover {
  const lines: string[] = [`**${fn.qualifiedName}** · PerfLens`, ''];
  const s = shown?.status;
  const r = s?.run;
  const stale = shown?.stale ? ' _(measured before your latest edit)_' : '';
  if (!r) lines.push('Not benchmarked yet.');
  else if (!r.ok) lines.push(`Last benchmark failed${stale}: ${r.failure ? `${r.failure.kind}: ${r.failure.message}` : 'unknown error'}`);
  else {
    const ci = r.ci95Ns ? ` (95% CI ${formatNs(r.ci95Ns[0])} – ${formatNs(r.ci95Ns[1])})` : '';
    lines.push(`Median **${r.medianNs !== undefined ? formatNs(r.medianNs) : '?'}**${ci}${stale}`);
    const extra = [
      r.allocatedBytesPerCall !== undefined ? `${formatBytes(r.allocatedBytesPerCall)} allocated per call` : undefined,
      r.growthOrder ? `growth ${r.growthOrder}` : undefined,
      r.spread !== undefined ? `spread ±${formatPercent(r.spread)}` : undefined,
      r.samples !== undefined ? `${r.samples} samples` : undefined,
    ].filter(Boolean);
    if (extra.length) lines.push('', extra.join(' · '));
    if (r.detail?.coverage) lines.push('', coverageText(r.detail.coverage));
  }
  if (s?.change) {
    const c = s.change;
    lines.push('', `vs **${c.baselineLabel}**: ${signedPercent(c.ratio)} (95% CI ${signedPercent(c.ci95[0])} … ${signedPercent(c.ci95[1])}, p = ${c.pValue.toPrecision(2)}) · ${c.classification}`);
  }
  if (s?.verdict) {
    const v = s.verdict;
    lines.push('', `${VERDICT_MARK[v.recommendation]} **${v.recommendation}** · score ${v.score} · ${v.source === 'llm' ? 'LLM' : 'rules'} · confidence ${v.confidence.toFixed(2)}`, '', v.reasoning);
  }
  if (analysis?.complexity) {
    const c = analysis.complexity;
    lines.push('', `Cyclomatic ${c.cyclomatic} · cognitive ${c.cognitive} · maintainability ${c.maintainability}`);
  }
  const links = [commandLink('Re-run', commands.benchmark, target), commandLink('Set baseline', commands.setBaseline, target), commandLink('History', commands.showHistory, target)];
  lines.push('', trusted ? links.join(' · ') : links.slice(1).join(' · ') + ' · _benchmarks are off: the workspace is not trusted_');
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: fn.nameRange };
}

/** What the diagnostics of one document are built from. */
export interface DiagnosticsInput {
  fns: readonly LocatedFunction[];
  analysis?: readonly FunctionAnalysis[];
  statuses?: readonly FunctionStatus[];
  findings: readonly { at: Position; finding: SecurityFinding }[];
}

/** Complexity, REJECT verdict and security diagnostics of one document. */
export function diagnosticsFor(input: DiagnosticsInput, settings: PerfLensSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const complexity = new Map(input.analysis?.map((f) => [f.fn.qualifiedName, f.complexity]) ?? []);
  for (const fn of input.fns) {
    const c = complexity.get(fn.qualifiedName);
    if (c && (c.cyclomatic > settings.complexity.cyclomaticThreshold || c.cognitive > settings.complexity.cognitiveThreshold)) {
      out.push({
        range: fn.nameRange,
        severity: DiagnosticSeverity.Information,
        source: 'perflens',
        code: DiagnosticCode.complexity,
        message: `${fn.qualifiedName} is complex: cyclomatic ${c.cyclomatic} (limit ${settings.complexity.cyclomaticThreshold}), cognitive ${c.cognitive} (limit ${settings.complexity.cognitiveThreshold}). Splitting it makes it easier to test and to benchmark.`,
      });
    }
    const s = shownFor(input.statuses, fn)?.status;
    if (s?.verdict?.recommendation === 'REJECT') {
      const change = s.change ? ` is ${signedPercent(s.change.ratio)} vs ${s.change.baselineLabel} (p = ${s.change.pValue.toPrecision(2)})` : ' regressed';
      out.push({
        range: fn.nameRange,
        severity: settings.diagnostics.rejectSeverity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: 'perflens',
        code: DiagnosticCode.reject,
        message: `${fn.qualifiedName}${change}: REJECT (score ${s.verdict.score}, ${s.verdict.source}). ${s.verdict.reasoning}`,
        data: { qualifiedName: fn.qualifiedName },
      });
    }
  }
  if (settings.security.enabled) {
    for (const { at, finding: f } of input.findings) {
      out.push({
        range: { start: at, end: { line: at.line, character: Number.MAX_SAFE_INTEGER } },
        severity: f.severity === 'error' ? DiagnosticSeverity.Error : f.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
        source: 'perflens',
        code: DiagnosticCode.security,
        message: `${f.message} [${f.ruleId}]`,
        data: { ruleId: f.ruleId },
      });
    }
  }
  return out;
}

/** One line about a finished benchmark, for the toast and the log. */
export function summaryMessage(s: BenchmarkSummary): string {
  if (!s.ok) return `${s.qualifiedName}: ${s.error ?? 'benchmark failed'}`;
  const parts = [`${s.qualifiedName}: ${s.medianNs !== undefined ? formatNs(s.medianNs) : 'done'}`];
  if (s.change !== undefined) parts.push(`${signedPercent(1 + s.change)} vs ${s.baselineLabel}`);
  if (s.verdict) parts.push(`${s.verdict.recommendation} (${s.verdict.source}, score ${s.verdict.score})`);
  if (s.notice) parts.push(`note: ${s.notice}`);
  return parts.join(' · ');
}

/** The summary a benchmark command returns: the stored view of the run, as the lens shows it. */
export function benchmarkSummary(uri: string, qualifiedName: string, fn: LocatedFunction | undefined, status: FunctionStatus, cyclomatic?: number): BenchmarkSummary {
  const run = status.run;
  return {
    uri,
    qualifiedName,
    ok: run.ok,
    ...(run.ok ? {} : { error: run.failure?.message ?? 'the benchmark failed' }),
    title: fn ? lensTitle({ status, stale: false }, cyclomatic) : '',
    ...(run.medianNs !== undefined ? { medianNs: run.medianNs } : {}),
    ...(status.change ? { change: status.change.ratio - 1, baselineLabel: status.change.baselineLabel } : {}),
    ...(status.verdict ? { verdict: status.verdict } : {}),
  };
}
