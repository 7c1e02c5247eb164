// Presentation: the text of lenses, hovers, diagnostics and command messages, as plain functions of the
// engine's one view of a run (FunctionStatus). The only place editor text is built.
import { DiagnosticSeverity, DiagnosticTag, MarkupKind, type Diagnostic, type Hover } from 'vscode-languageserver/node';
import { statusFor, type FunctionAnalysis, type FunctionStatus, type LineCost } from '../engine';
import { coverageText, formatBytes, formatNs, formatPercent, formatRatio, formatRelativeHalfWidth, pValueText } from '../format';
import type { LocatedFunction, Position } from '../locate/types';
import type { SecurityFinding } from '../analyze/security';
import { DiagnosticCode, type BenchmarkSummary, type CommandTarget } from '../protocol';
import { LENS_PARTS, type LensPart, type PerfLensSettings } from '../settings';

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

/** Short words for a failure's kind: the lens has room for a word, the hover holds the message. */
const FAILURE_KIND: Record<string, string> = {
  throws: 'throws',
  timeout: 'timeout',
  oom: 'out of memory',
  crash: 'crashed',
  'unsupported-input': 'unsupported input',
};

/** The lens title of one function: `▶ Benchmark` before a run, else its figures and verdict (parts per `perflens.lens.show`). */
export function lensTitle(shown: Shown | undefined, cyclomatic: number | undefined, show: readonly LensPart[] = LENS_PARTS): string {
  const cc = cyclomatic !== undefined && show.includes('complexity') ? `CC ${cyclomatic}` : undefined;
  if (!shown) return ['▶ Benchmark', cc].filter(Boolean).join(' · ');
  const { status, stale } = shown;
  const run = status.run;
  const before = stale ? ' (before edit)' : '';
  // A word, not the message: a lens is cut at the editor's width; the hover holds the whole message.
  if (!run.ok) return `⚠ ${FAILURE_KIND[run.failure?.kind ?? ''] ?? 'failed'}${before} · ▶ re-run`;
  const verdict = status.verdict && show.includes('verdict') ? `${VERDICT_MARK[status.verdict.recommendation]} ${status.verdict.recommendation}` : undefined;
  const change = status.change;
  if (change && change.classification !== 'unchanged' && show.includes('time')) {
    const arrow = change.ratio > 1 ? '▲' : '▼';
    return [`${arrow} ${formatRatio(change.ratio)} vs ${change.baselineLabel}${before}`, verdict].filter(Boolean).join(' · ');
  }
  let time: string | undefined;
  if (show.includes('time')) {
    const median = run.medianNs !== undefined ? formatNs(run.medianNs) : 'measured';
    const spread = run.ci95Ns && run.medianNs ? ` ${formatRelativeHalfWidth(run.ci95Ns, run.medianNs)}` : '';
    time = `${median}${spread}${before}`;
  }
  const parts = [time, show.includes('growth') ? run.growthOrder : undefined, cc, verdict].filter(Boolean);
  // Every part hidden: the lens still has to be something to click.
  return parts.length ? parts.join(' · ') : '▶ Benchmark';
}

/** Where a failure's fix lies, named as the editor's settings (the engine's messages name no surface). */
const FIX_SETTING: Record<string, string> = {
  timeout: 'Raise `perflens.benchmark.timeoutMs`, or lower `perflens.benchmark.budgetMs` if the function is just slow at this size.',
  oom: 'Raise `perflens.benchmark.heapMb` if a large heap is expected.',
  crash: 'If the sandbox could not start, set `perflens.nodePath` to a Node 20+ executable.',
};

/** A message with the workspace folder taken off its paths: the hover is narrow. */
function relativeTo(text: string, root: string | undefined): string {
  if (!root) return text;
  const prefix = root.endsWith('/') || root.endsWith('\\') ? root : `${root}/`;
  return text.split(prefix).join('');
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
  toggleUnreachedLines: string;
}

/** The hover over a function's name: its latest run, change, verdict, complexity and action links. */
export function hoverFor(
  fn: LocatedFunction,
  shown: Shown | undefined,
  analysis: FunctionAnalysis | undefined,
  target: CommandTarget,
  trusted: boolean,
  commands: HoverCommands,
  workspaceRoot?: string,
): Hover {
  const lines: string[] = [`**${fn.qualifiedName}** · PerfLens`, ''];
  const s = shown?.status;
  const r = s?.run;
  const stale = shown?.stale ? ' _(measured before your latest edit)_' : '';
  if (!r) lines.push('Not benchmarked yet.');
  else if (!r.ok) {
    const kind = FAILURE_KIND[r.failure?.kind ?? ''];
    lines.push(`⚠ Last benchmark failed${kind ? ` (${kind})` : ''}${stale}:`, '', relativeTo(r.failure?.message ?? 'unknown error', workspaceRoot));
    const fix = FIX_SETTING[r.failure?.kind ?? ''];
    if (fix) lines.push('', fix);
  } else {
    const ci = r.ci95Ns ? ` (95% CI ${formatNs(r.ci95Ns[0])} – ${formatNs(r.ci95Ns[1])})` : '';
    const n = r.detail?.inputs?.n;
    const size = n ? ` at input size n = ${n}` : '';
    lines.push(`Median **${r.medianNs !== undefined ? formatNs(r.medianNs) : '?'}**${size}${ci}${stale}`);
    const extra = [
      r.allocatedBytesPerCall !== undefined ? `${formatBytes(r.allocatedBytesPerCall)} allocated per call` : undefined,
      r.growthOrder ? `growth ${r.growthOrder}` : undefined,
      r.spread !== undefined ? `spread ±${formatPercent(r.spread)}` : undefined,
      r.samples !== undefined ? `${r.samples} samples` : undefined,
    ].filter(Boolean);
    if (extra.length) lines.push('', extra.join(' · '));
    const coverage = r.detail?.coverage;
    if (coverage) {
      const toggle = coverage.unreachedLines.length && !shown?.stale ? ` · ${commandLink('show them in the editor', commands.toggleUnreachedLines, target)}` : '';
      lines.push('', coverageText(coverage) + toggle);
    }
  }
  const isolation = r?.detail?.isolation;
  if (isolation) {
    lines.push('', isolation === 'namespaces' ? 'Sandbox: namespaces + permission model' : 'Sandbox: permission model only (no OS isolation on this machine; see docs/security.md)');
  }
  if (s?.change) {
    const c = s.change;
    lines.push('', `vs **${c.baselineLabel}**: ${formatRatio(c.ratio)} (95% CI ${formatRatio(c.ci95[0])} … ${formatRatio(c.ci95[1])}, ${pValueText(c.pValue)}) · ${c.classification}`);
  }
  if (s?.verdict) {
    const v = s.verdict;
    lines.push('', `${VERDICT_MARK[v.recommendation]} **${v.recommendation}** · score ${v.score} · ${v.source === 'llm' ? 'LLM' : 'rules'} · confidence ${v.confidence.toFixed(2)}`, '', v.reasoning);
  }
  if (analysis?.complexity) {
    const c = analysis.complexity;
    lines.push(
      '',
      `CC ${c.cyclomatic} · cognitive ${c.cognitive} · maintainability ${Math.round(c.maintainability)}/100`,
      '',
      '_CC (cyclomatic complexity) counts the independent paths through the function: 1, plus one per `if`, loop, `case`, `catch`, `&&`, `||`, `??` and `?:`. Cognitive complexity also weighs nesting; maintainability: higher is easier._',
    );
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
  /** Functions whose never-run lines the user asked to see (PerfLens: Toggle Lines the Benchmark Never Ran). */
  showUnreached?: ReadonlySet<string>;
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
      const change = s.change ? ` is ${formatRatio(s.change.ratio)} vs ${s.change.baselineLabel} (${pValueText(s.change.pValue)})` : ' regressed';
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
  for (const fn of input.fns) if (input.showUnreached?.has(fn.qualifiedName)) out.push(...unreachedDiagnostics(fn, shownFor(input.statuses, fn)));
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

/**
 * The lines of `fn` that none of its latest run's timed inputs reached, as faded hints (the tag editors
 * use for unreachable code). Only for the code that was measured: an edit since hides them, as the lens
 * marks the figure stale. The lines move with the function (they were measured at `firstLine`).
 */
export function unreachedDiagnostics(fn: LocatedFunction, shown: Shown | undefined): Diagnostic[] {
  const coverage = shown && !shown.stale && shown.status.run.ok ? shown.status.run.detail?.coverage : undefined;
  if (!coverage) return [];
  const shift = coverage.firstLine !== undefined ? fn.range.start.line + 1 - coverage.firstLine : 0;
  const lines = coverage.unreachedLines.map((l) => l - 1 + shift).filter((l) => l >= fn.range.start.line && l <= fn.range.end.line);
  return lines.map((line) => ({
    range: { start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } },
    severity: DiagnosticSeverity.Hint,
    tags: [DiagnosticTag.Unnecessary],
    source: 'perflens',
    code: DiagnosticCode.unreached,
    message: `No input of the latest benchmark of ${fn.qualifiedName} ran this line: its time is not in the median. Add an input that reaches it (.perflens/inputs.json or a @perflens tag) if it matters.`,
  }));
}

/**
 * One percentage for a whole run. The engine reports each phase (bundle, timing, growth, then the
 * comparison with a baseline) counting from 0; this maps them onto one scale that never goes back.
 */
export function runPercent(): (p: { phase: string; fraction?: number }) => number {
  let comparing = false;
  let pct = 0;
  return ({ phase, fraction }) => {
    if (phase.startsWith('comparing')) comparing = true;
    const span: [number, number] | undefined = comparing ? [80, 99] : ({ bundle: [0, 5], timing: [5, 55], growth: [55, 80] } as Record<string, [number, number]>)[phase];
    if (span) pct = Math.max(pct, Math.round(span[0] + Math.min(1, Math.max(0, fraction ?? 0)) * (span[1] - span[0])));
    return pct;
  };
}

/** Which lines get an inlay hint: at least `minPct` of the function's time, at most `max` per benchmarked function. */
export const LINE_HINTS = { minPct: 5, max: 5 } as const;

/** The inlay hint of a hot line: `38% · 2.10 µs/call`. */
export function lineHintLabel(l: LineCost): string {
  return `${l.selfPct < 10 ? l.selfPct.toFixed(1) : Math.round(l.selfPct)}% · ${formatNs(l.selfNsPerCall)}/call`;
}

/** The hover of a hot line: its own time against the whole call, and its (estimated) allocation. */
export function lineHoverText(l: LineCost, medianNs: number): string {
  return [
    `**Line ${l.line}** of \`${l.function}\` · PerfLens`,
    '',
    `Self: **${formatNs(l.selfNsPerCall)}/call** (${l.selfPct}% of the function's time)`,
    `Total per call of the benchmarked function: ${formatNs(medianNs)}`,
    `Allocated here: ~${formatBytes(l.allocBytesPerCall)}/call _(V8 samples allocations per function; shared among its lines by time)_`,
    '',
    '_Self time excludes functions this line calls: workspace functions show their own line costs._',
  ].join('  \n');
}

/** One line about a finished benchmark, for the message and the log. */
export function summaryMessage(s: BenchmarkSummary): string {
  if (!s.ok) return `${s.qualifiedName}: ${s.error ?? 'benchmark failed'}`;
  const parts = [`${s.qualifiedName}: ${s.medianNs !== undefined ? formatNs(s.medianNs) : 'done'}`];
  if (s.change !== undefined) parts.push(`${formatRatio(1 + s.change)} vs ${s.baselineLabel}`);
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
