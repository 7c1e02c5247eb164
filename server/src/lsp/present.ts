// Presentation: the text of lenses, hovers, diagnostics and command messages, as plain functions of one
// view of a function's latest run. The only code that reads the engine's result shapes for the editor.
import { DiagnosticSeverity, MarkupKind, type Diagnostic, type Hover } from 'vscode-languageserver/node';
import type { BenchOutcome, FunctionAnalysis, FunctionStatus } from '../engine';
import { coverageText, formatNs } from '../format';
import type { LocatedFunction, Position } from '../locate/types';
import type { SecurityFinding } from '../analyze/security';
import { DiagnosticCode, type BenchmarkSummary, type CommandTarget } from '../protocol';
import type { PerfLensSettings } from './settings';

const signedPercent = (ratio: number): string => {
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
};

const VERDICT_MARK = { ACCEPT: '✓', REVIEW: '?', REJECT: '✗' } as const;

/**
 * What lenses, hovers and diagnostics show about a function's latest run: the engine's stored status in
 * display terms. `toRunView` is the one place that reads the engine's result shapes.
 */
export interface RunView {
  /** Content hash of the version that was measured (differs from the code's hash after an edit). */
  hash?: string;
  ok: boolean;
  error?: string;
  medianNs?: number;
  ci95Ns?: [number, number];
  samples?: number;
  allocatedBytesPerCall?: number;
  growthOrder?: string;
  /** How much of the function the timed inputs ran. */
  coverage?: { covered: number; total: number; unreachedLines: number[] };
  change?: { ratio: number; ci95: [number, number]; pValue: number; classification: string; baselineLabel: string };
  verdict?: { recommendation: 'ACCEPT' | 'REVIEW' | 'REJECT'; score: number; source: 'llm' | 'rules'; reasoning: string; confidence: number };
}

/** The lens title of one function: `▶ Benchmark` before a run, else its figures and verdict. */
export function lensTitle(fn: LocatedFunction, run: RunView | undefined, cyclomatic: number | undefined): string {
  const cc = cyclomatic !== undefined ? `CC ${cyclomatic}` : undefined;
  if (!run) return ['▶ Benchmark', cc].filter(Boolean).join(' · ');
  if (!run.ok) return `⚠ Benchmark failed · ${firstLine(run.error ?? 'see hover')} · ▶ re-run`;
  const stale = run.hash !== undefined && run.hash !== fn.hash ? ' (before edit)' : '';
  const verdict = run.verdict ? `${VERDICT_MARK[run.verdict.recommendation]} ${run.verdict.recommendation}` : undefined;
  const change = run.change;
  if (change && change.classification !== 'unchanged') {
    const arrow = change.ratio > 1 ? '▲' : '▼';
    return [`${arrow} ${signedPercent(change.ratio)} vs ${change.baselineLabel}${stale}`, verdict].filter(Boolean).join(' · ');
  }
  const median = run.medianNs !== undefined ? formatNs(run.medianNs) : 'measured';
  const spread = run.ci95Ns && run.medianNs ? ` ±${(((run.ci95Ns[1] - run.ci95Ns[0]) / 2 / run.medianNs) * 100).toFixed(1)}%` : '';
  return [`${median}${spread}${stale}`, run.growthOrder, cc, verdict].filter(Boolean).join(' · ');
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
export function hoverFor(fn: LocatedFunction, s: RunView | undefined, analysis: FunctionAnalysis | undefined, target: CommandTarget, trusted: boolean, commands: HoverCommands): Hover {
  const lines: string[] = [`**${fn.qualifiedName}** · PerfLens`, ''];
  const r = s;
  if (!r) lines.push('Not benchmarked yet.');
  else if (!r.ok) lines.push(`Last benchmark failed: ${r.error ?? 'unknown error'}`);
  else {
    const stale = r.hash !== undefined && r.hash !== fn.hash ? ' _(measured before your latest edit)_' : '';
    const ci = r.ci95Ns ? ` (95% CI ${formatNs(r.ci95Ns[0])} – ${formatNs(r.ci95Ns[1])})` : '';
    lines.push(`Median **${r.medianNs !== undefined ? formatNs(r.medianNs) : '?'}**${ci}${stale}`);
    const extra = [
      r.allocatedBytesPerCall !== undefined ? `${Math.round(r.allocatedBytesPerCall)} B allocated per call` : undefined,
      r.growthOrder ? `growth ${r.growthOrder}` : undefined,
      r.samples !== undefined ? `${r.samples} samples` : undefined,
    ].filter(Boolean);
    if (extra.length) lines.push('', extra.join(' · '));
    if (r.coverage) lines.push('', coverageText(r.coverage));
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
  statuses?: ReadonlyMap<string, RunView>;
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
    const s = input.statuses?.get(fn.qualifiedName);
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

/** The summary a benchmark command returns, from the run's view. */
export function benchmarkSummary(uri: string, qualifiedName: string, fn: LocatedFunction | undefined, view: RunView): BenchmarkSummary {
  return {
    uri,
    qualifiedName,
    ok: view.ok,
    error: view.error,
    title: fn ? lensTitle(fn, view, undefined) : '',
    medianNs: view.medianNs,
    change: view.change ? view.change.ratio - 1 : undefined,
    baselineLabel: view.change?.baselineLabel,
    verdict: view.verdict && { recommendation: view.verdict.recommendation, score: view.verdict.score, source: view.verdict.source, reasoning: view.verdict.reasoning },
  };
}

// ---------------------------------------------------------------------------------------------
// Engine shapes -> what the editor shows.

/** A stored status in display terms. */
export function toRunView(s: FunctionStatus): RunView {
  return { ...outcomeView(s, s.hash), hash: s.hash };
}

/** A benchmark outcome in display terms. */
export function outcomeView(o: BenchOutcome, hash: string | undefined): RunView {
  const r = o.result;
  const ok = r.status === 'ok' && r.timing !== null;
  return {
    hash,
    ok,
    error: ok ? undefined : r.error?.message ?? 'the benchmark failed',
    medianNs: r.timing?.medianNs,
    ci95Ns: r.timing?.ci95Ns,
    samples: r.timing?.samples,
    allocatedBytesPerCall: r.memory?.allocatedBytesPerCall,
    growthOrder: r.growth && r.growth.order !== 'not size-dependent' ? r.growth.order : undefined,
    coverage: r.coverage ?? undefined,
    change: o.change && { ratio: o.change.ratio, ci95: o.change.ci95, pValue: o.change.pValue, classification: o.change.classification, baselineLabel: o.change.baselineLabel },
    verdict: o.verdict && { recommendation: o.verdict.recommendation, score: o.verdict.score, source: o.verdict.source, reasoning: o.verdict.reasoning, confidence: o.verdict.confidence },
  };
}
