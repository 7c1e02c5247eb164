// The PerfLens status bar item: what runs now, the last verdict, and why benchmarks are off when they are.
import * as vscode from 'vscode';
import type { BenchmarkSummary, RunStateNotification } from '../../server/src/protocol';

/** Lifecycle of the language server as the status bar shows it. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/** Owns the one status bar item; every input goes through a setter that re-renders it. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('perflens.status', vscode.StatusBarAlignment.Left, 10);
  private server: ServerState = 'starting';
  private serverDetail = '';
  private trusted = vscode.workspace.isTrusted;
  private running?: RunStateNotification.Params['running'];
  private last?: BenchmarkSummary;
  /** The id of the item's background colour (ThemeColor does not expose it). */
  private background?: string;

  constructor() {
    this.item.name = 'PerfLens';
    this.item.command = 'perflens.showOutput';
    this.render();
    this.item.show();
  }

  setServer(state: ServerState, detail = ''): void {
    this.server = state;
    this.serverDetail = detail;
    this.render();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.render();
  }

  setRunState(params: RunStateNotification.Params): void {
    this.running = params.running;
    if (params.last) this.last = params.last;
    this.render();
  }

  /** What the item shows now (the e2e tests read it through the extension API). */
  get shown(): { text: string; tooltip: string; background?: string } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), ...(this.background ? { background: this.background } : {}) };
  }

  /** The last benchmark summary the server reported (the e2e tests read it through the extension API). */
  get lastRun(): BenchmarkSummary | undefined {
    return this.last;
  }

  private render(): void {
    const { item } = this;
    this.setBackground(undefined);
    item.command = 'perflens.showOutput';
    if (this.server === 'failed' || this.server === 'stopped') {
      item.text = '$(error) PerfLens';
      item.tooltip = `PerfLens server ${this.server}${this.serverDetail ? `: ${this.serverDetail}` : ''}. Click for the log; "PerfLens: Restart Server" starts it again.`;
      this.setBackground('statusBarItem.errorBackground');
      return;
    }
    if (this.server === 'starting') {
      item.text = '$(loading~spin) PerfLens';
      item.tooltip = 'PerfLens is starting its language server.';
      return;
    }
    if (this.running) {
      const pct = this.running.fraction !== undefined ? ` ${Math.round(this.running.fraction * 100)}%` : '';
      item.text = `$(sync~spin) PerfLens: ${this.running.qualifiedName}${pct}`;
      item.tooltip = `Benchmarking ${this.running.qualifiedName}: ${this.running.phase}. Click to cancel.`;
      item.command = 'perflens.cancelBenchmark';
      return;
    }
    const trustNote = this.trusted ? '' : '\n\nBenchmarks are off: this workspace is not trusted, and benchmarking runs its code. Static analysis still works.';
    if (this.last) {
      const v = this.last.verdict?.recommendation;
      const icon = !this.last.ok ? '$(warning)' : v === 'REJECT' ? '$(error)' : v === 'REVIEW' ? '$(question)' : '$(check)';
      item.text = `${icon} PerfLens: ${this.last.qualifiedName}${v ? ` ${v}` : ''}`;
      item.tooltip = (this.last.ok ? this.last.title : this.last.error ?? 'benchmark failed') + trustNote;
      // The last run as the lens shows it now: after "Accept with a note…" the server sends the ACCEPT.
      if (v === 'REJECT') this.setBackground('statusBarItem.warningBackground');
      return;
    }
    item.text = this.trusted ? '$(pulse) PerfLens' : '$(shield) PerfLens: analysis only';
    item.tooltip = this.trusted ? 'PerfLens is ready: click "▶ Benchmark" above a function.' : trustNote.trim();
  }

  private setBackground(id: string | undefined): void {
    this.background = id;
    this.item.backgroundColor = id ? new vscode.ThemeColor(id) : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
