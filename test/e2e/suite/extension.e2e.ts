// End-to-end in a real VS Code (code-server): the PerfLens extension on the fixture workspace, from the
// first lenses to a REJECT verdict decided by the scripted LLM server the driver started on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchmarkSummary, CommandResult } from '../../../server/src/protocol';

/** Polls `probe` until it returns a value, failing with `what` after `timeoutMs`. Never a fixed sleep. */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Asks the driver for a screenshot once `text` and a hover are on screen, and waits until it is saved. */
async function screenshot(name: string, text: string): Promise<string> {
  const dir = process.env.PERFLENS_E2E_SHOTS;
  assert.ok(dir, 'the driver sets PERFLENS_E2E_SHOTS');
  const file = path.join(dir, `${name}.png`);
  rmSync(file, { force: true });
  console.log(`PERFLENS_SCREENSHOT ${name} ${text}`);
  return until(`the screenshot ${file}`, () => (existsSync(file) ? file : undefined));
}

const lensesOf = async (uri: vscode.Uri) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
const lensTitle = async (uri: vscode.Uri, name: string) =>
  (await lensesOf(uri)).find((l) => (l.command?.arguments?.[0] as { qualifiedName?: string } | undefined)?.qualifiedName === name)?.command?.title;

describe('PerfLens in VS Code', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, 'src', 'pricing.ts');
  let doc: vscode.TextDocument;
  let api: { isServerRunning(): boolean; lastRun(): BenchmarkSummary | undefined; statusBar(): { text: string; tooltip: string; background?: string } };

  before(async () => {
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<typeof api>('perflens.perflens');
    assert.ok(ext, 'the PerfLens extension is installed');
    api = await ext.activate();
    await until('the language server', () => api.isServerRunning());
  });

  it('shows a benchmark lens over every function', async () => {
    const titles = await until('lenses for total and applyFormula', async () => {
      const lenses = await lensesOf(uri);
      const names = lenses.map((l) => (l.command?.arguments?.[0] as { qualifiedName: string }).qualifiedName).sort();
      return names.join(',') === 'applyFormula,total' ? lenses.map((l) => l.command!.title) : undefined;
    });
    for (const t of titles) assert.match(t, /^▶ Benchmark/);
  });

  it('reports the eval as a security diagnostic with a PerfLens code', async () => {
    const diag = await until('a perflens.security diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'perflens' && d.code === 'perflens.security'),
    );
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.lineAt(diag.range.start.line).text.includes('eval('), true);
  });

  it('benchmarks total and updates its lens with the measured time', async () => {
    const result = await vscode.commands.executeCommand<CommandResult>('perflens.benchmarkFunction', { uri: uri.toString(), qualifiedName: 'total' });
    assert.ok(result?.ok, `benchmark failed: ${result?.message}`);
    const summary = result.results![0];
    assert.ok(summary.medianNs! > 0);
    const title = await until('the lens to show a time', async () => {
      const t = await lensTitle(uri, 'total');
      return t && /\d (ns|µs|ms|s)\b/.test(t) ? t : undefined;
    });
    assert.doesNotMatch(title, /▶ Benchmark/);
  });

  it('sets a baseline, and a slower edit gets a REJECT from the scripted LLM with a diagnostic', async () => {
    const baseline = await vscode.commands.executeCommand<CommandResult>('perflens.setBaseline', { uri: uri.toString(), qualifiedName: 'total', scope: 'function', label: 'main' });
    assert.ok(baseline?.ok, `set baseline failed: ${baseline?.message}`);

    // The slower version: the same sum, recomputed many times per line.
    const editor = await vscode.window.showTextDocument(doc);
    const start = doc.getText().indexOf('  for (const line of lines) sum += line.price * line.quantity;');
    assert.ok(start >= 0);
    const line = doc.positionAt(start).line;
    await editor.edit((e) =>
      e.replace(doc.lineAt(line).range, '  for (const line of lines) for (let k = 0; k < 200; k++) sum += (line.price * line.quantity) / 200;'),
    );
    await doc.save();

    const result = await vscode.commands.executeCommand<CommandResult>('perflens.benchmarkFunction', { uri: uri.toString(), qualifiedName: 'total' });
    assert.ok(result?.ok, `second benchmark failed: ${result?.message}`);
    const summary = result.results![0];
    assert.ok(summary.change !== undefined && summary.change > 0.5, `expected a large slowdown, got ${summary.change}`);
    assert.equal(summary.verdict?.source, 'llm');
    assert.ok(['REJECT', 'REVIEW'].includes(summary.verdict!.recommendation));

    const title = await until('the lens to show the verdict', async () => {
      const t = await lensTitle(uri, 'total');
      return t && /REJECT|REVIEW/.test(t) ? t : undefined;
    });
    assert.match(title, /▲ (\+\d+%|×[\d.]+) vs main/);
    if (summary.verdict!.recommendation === 'REJECT') {
      const diag = await until('a perflens.reject diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.code === 'perflens.reject'),
      );
      assert.match(diag.message, /REJECT/);
    }

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(doc.getText().split('\n').findIndex((l) => l.includes('function total')), 17));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /vs \*\*main\*\*/);
    assert.match(text, /LLM/);
    // The status bar shows the same verdict (through the server's perflens/runState notification).
    assert.equal(api.lastRun()?.verdict?.recommendation, summary.verdict!.recommendation);
  });

  it('after "Accept with a note…" the status bar no longer shows the REJECT', async () => {
    if (api.lastRun()?.verdict?.recommendation === 'REJECT') assert.equal(api.statusBar().background, 'statusBarItem.warningBackground');
    const accepted = await vscode.commands.executeCommand<CommandResult>('perflens.acceptRegression', { uri: uri.toString(), qualifiedName: 'total', note: 'e2e: exactness is worth the time' });
    assert.ok(accepted?.ok, `accept failed: ${accepted?.message}`);
    const shown = await until('the status bar to show the ACCEPT', () => {
      const s = api.statusBar();
      return /total ACCEPT/.test(s.text) ? s : undefined;
    });
    assert.equal(shown.background, undefined, 'no warning background after the accept');
    assert.doesNotMatch(shown.text, /REJECT/);
    assert.equal(api.lastRun()?.verdict?.recommendation, 'ACCEPT');
  });

  it('shows the cost of the hot line of total as an inlay hint, with a line hover (screenshot)', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    // The slower edit's line: its loop holds nearly all of the time of the last benchmark of total.
    const line = doc.getText().split('\n').findIndex((l) => l.includes('for (let k = 0; k < 200; k++)'));
    assert.ok(line >= 0);
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hint = await until('an inlay hint on the hot line', async () => {
      const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range)) ?? [];
      return hints.find((h) => h.position.line === line);
    });
    const label = typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
    assert.match(label, /^\d+(\.\d)?% · [\d.]+ (ns|µs|ms)\/call$/);
    assert.equal(hint.position.character, doc.lineAt(line).text.length, 'at the end of the line');

    const at = new vscode.Position(line, 8);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Self: \*\*[\d.]+ (ns|µs|ms)\/call\*\*/);

    // The hint sits after the end of a long line: without the side bar it is on screen too.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('line-costs', `${label.split(' · ')[0]} · | Self:`);
  });

  it('shows a failed benchmark as a short kind on the lens, the whole message in the hover (screenshot)', async () => {
    const failing = vscode.Uri.joinPath(folder, 'src', 'checkout.ts');
    const fdoc = await vscode.workspace.openTextDocument(failing);
    const editor = await vscode.window.showTextDocument(fdoc);
    await until('the lens of validateOrder', () => lensTitle(failing, 'validateOrder'));
    const result = await vscode.commands.executeCommand<CommandResult>('perflens.benchmarkFunction', { uri: failing.toString(), qualifiedName: 'validateOrder' });
    assert.equal(result?.ok, false, 'the fixture throws on every input');
    const title = await until('the failure lens', async () => {
      const t = await lensTitle(failing, 'validateOrder');
      return t?.startsWith('⚠') ? t : undefined;
    });
    assert.equal(title, '⚠ throws · ▶ re-run');
    assert.match(api.statusBar().text, /validateOrder/);

    const line = fdoc.getText().split('\n').findIndex((l) => l.includes('function validateOrder'));
    const at = new vscode.Position(line, fdoc.lineAt(line).text.indexOf('validateOrder') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', failing, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /this fixture refuses every order on purpose/);
    assert.ok(!text.includes(folder.fsPath), 'no absolute workspace path in the hover');

    // On screen, as a user sees it: the lens above the function and the hover over its name.
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    // The editor redraws lenses a moment after the provider answers: the driver waits for the lens text too.
    await screenshot('failure-lens-hover', '⚠ throws · ▶ re-run | Last benchmark failed');
  });

  it('opens the history panel of total', async () => {
    await vscode.commands.executeCommand('perflens.showHistory', { uri: uri.toString(), qualifiedName: 'total' });
    const tab = await until('the history panel tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('perflens.history')),
    );
    assert.match(tab.label, /total/);
  });
});
