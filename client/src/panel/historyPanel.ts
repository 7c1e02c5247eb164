// The history panel's host side: creates and revives the webview, fetches a function's history from the
// language server, answers the page's (validated) messages, exports files and opens the baseline diff.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RequestType } from 'vscode-languageserver-protocol';
import {
  HistoryFunctionsRequest,
  HistoryRequest,
  LineCostsRequest,
  VersionSourceRequest,
  type HistoryFunctionEntry,
  type HistoryView,
  type HostToPanelMessage,
  type PanelToHostMessage,
} from '../../../server/src/protocol';
import { baselineIndex } from './baseline';
import { exportFileName, historyToCsv, historyToJson } from './export';
import { renderPanelHtml } from './html';
import { isHistoryFunctionEntry, isHistoryTarget, isHistoryView, isPanelToHostMessage, isLineCostsView } from './messages';

/** The webview type, also the serializer's key (`onWebviewPanel:perflens.history` activates the extension). */
export const HISTORY_VIEW_TYPE = 'perflens.history';
/** URI scheme of the read-only documents holding stored versions' source, for the diff editor. */
export const VERSION_SOURCE_SCHEME = 'perflens-version';

/** Names one function: its document and its qualified name. */
export type HistoryTarget = HistoryRequest.Params;

/**
 * What the panel needs from the language client: typed requests. A `LanguageClient` fits as is; an
 * extension that restarts its client can pass an object forwarding to whichever client is current.
 */
export interface PanelClient {
  sendRequest<P, R, E>(type: RequestType<P, R, E>, params: P): Promise<R>;
}

/**
 * A PanelClient that forwards to whichever language client is current (the extension restarts it when
 * settings change), and fails with an actionable message while none is running.
 */
export function currentClient(get: () => PanelClient | undefined): PanelClient {
  return {
    sendRequest(type, params) {
      const client = get();
      if (!client) return Promise.reject(new Error('the PerfLens server is not running (see Output › PerfLens, or run "Developer: Reload Window")'));
      return client.sendRequest(type, params);
    },
  };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Source text fetched for the diff editor, keyed by the virtual document's URI. */
const versionSources = new Map<string, string>();

class HistoryPanel {
  static current: HistoryPanel | undefined;

  private target: HistoryTarget | undefined;
  private view: HistoryView | null = null;
  private functions: HistoryFunctionEntry[] = [];
  // Responses that arrive after a newer load started are dropped, so a slow answer cannot overwrite a newer one.
  private loadSeq = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: PanelClient,
    target: HistoryTarget | undefined,
  ) {
    this.target = target;
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
    );
    HistoryPanel.current = this;
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', ...p)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asset('dist', 'panel.js'),
      styleUris: [asset('dist', 'uPlot.min.css'), asset('panel.css')],
    });
  }

  private post(message: HostToPanelMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Fetches `target`'s history and the picker's list, then sends both to the page. */
  async load(target: HistoryTarget | undefined): Promise<void> {
    const seq = ++this.loadSeq;
    this.target = target;
    this.panel.title = target ? `History: ${target.qualifiedName}` : 'PerfLens History';
    try {
      const [view, functions, lines] = await Promise.all([
        target ? this.client.sendRequest(HistoryRequest.type, target) : Promise.resolve(null),
        // The picker is a convenience: without its list the history still shows.
        this.client.sendRequest(HistoryFunctionsRequest.type, {}).catch((): HistoryFunctionEntry[] => []),
        // Line costs live in the server's memory for this session: none is a normal answer.
        target ? this.client.sendRequest(LineCostsRequest.type, target).catch(() => null) : Promise.resolve(null),
      ]);
      if (seq !== this.loadSeq) return;
      // The server is trusted more than the page, but a malformed answer must not reach the page unchecked.
      this.functions = Array.isArray(functions) ? functions.filter(isHistoryFunctionEntry) : [];
      if (view !== null && !isHistoryView(view)) {
        this.view = null;
        this.post({
          type: 'error',
          message: `The PerfLens server sent a malformed history for ${target?.qualifiedName}; it was not shown. Update the extension, or report this with the PerfLens output log.`,
        });
        return;
      }
      this.view = view;
      this.post({ type: 'history', target: target ?? null, view, functions: this.functions, lines: isLineCostsView(lines) ? lines : null });
    } catch (e) {
      if (seq !== this.loadSeq) return;
      this.post({
        type: 'error',
        message: `Could not load the history of ${target?.qualifiedName ?? 'functions'}: ${errorText(e)}. Details are in Output › PerfLens.`,
      });
    }
  }

  /** Reloads after a run landed; several runs in quick succession cause one reload. */
  refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.load(this.target), 250);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isPanelToHostMessage(raw)) return; // not from our page, or a bug: ignore rather than act on it
    const m: PanelToHostMessage = raw;
    switch (m.type) {
      case 'ready':
        return this.load(this.target ?? m.target);
      case 'selectFunction':
        return this.load(m.target);
      case 'openDiff':
        return this.openDiff(m.versionId);
      case 'export':
        return this.export(m.format);
    }
  }

  private async openDiff(versionId: string): Promise<void> {
    const view = this.view;
    const name = view?.qualifiedName ?? 'this function';
    const index = view?.versions.findIndex((v) => v.id === versionId) ?? -1;
    const b = view ? baselineIndex(view) : undefined;
    if (!view || index < 0 || b === undefined) {
      void vscode.window.showWarningMessage(`PerfLens: ${name} has no baseline to diff against. Set one with "PerfLens: Set Baseline".`);
      return;
    }
    const base = view.versions[b]!;
    const version = view.versions[index]!;
    try {
      const [left, right] = await Promise.all(
        [base, version].map((v) => this.client.sendRequest(VersionSourceRequest.type, { functionId: view.functionId, versionId: v.id })),
      );
      if (!left || !right) {
        const missing = !left ? 'the baseline' : `version ${version.commit ?? version.hash.slice(0, 7)}`;
        void vscode.window.showWarningMessage(
          `PerfLens: the history store kept no source for ${missing} of ${name}, so there is nothing to diff. Versions benchmarked from now on keep their source.`,
        );
        return;
      }
      const ext = basename(view.file).match(/\.[A-Za-z0-9]+$/)?.[0] ?? '.ts';
      const docUri = (label: string, id: string): vscode.Uri =>
        vscode.Uri.from({
          scheme: VERSION_SOURCE_SCHEME,
          path: `/${label}/${view.qualifiedName.replace(/[^\w.$-]+/g, '_')}${ext}`,
          query: new URLSearchParams({ functionId: view.functionId, versionId: id }).toString(),
        });
      const short = (v: typeof base): string => v.commit ?? v.hash.slice(0, 7);
      const leftUri = docUri(`baseline-${short(base)}`, base.id);
      const rightUri = docUri(short(version), version.id);
      versionSources.set(leftUri.toString(), left.source);
      versionSources.set(rightUri.toString(), right.source);
      await vscode.commands.executeCommand(
        'vscode.diff',
        leftUri,
        rightUri,
        `${view.qualifiedName}: baseline ${base.baselines.join(', ')} (${short(base)}) ↔ ${short(version)}`,
        { preview: true },
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`PerfLens: could not open the diff for ${name}: ${errorText(e)}`);
    }
  }

  private async export(format: 'csv' | 'json'): Promise<void> {
    const view = this.view;
    if (!view) {
      void vscode.window.showInformationMessage('PerfLens: nothing to export yet; choose a function with stored runs first.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(view, format)) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: `Export ${format.toUpperCase()}`,
    });
    if (!target) return;
    const text = format === 'csv' ? historyToCsv(view) : historyToJson(view);
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      void vscode.window.showInformationMessage(`PerfLens: exported ${view.versions.length} versions of ${view.qualifiedName} to ${target.fsPath}.`);
    } catch (e) {
      void vscode.window.showErrorMessage(`PerfLens: could not write ${target.fsPath}: ${errorText(e)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    if (HistoryPanel.current === this) HistoryPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}

/**
 * Registers what must exist from activation on: the serializer that revives the panel after a window
 * reload (from the page's saved state), and the provider of stored versions' source for the diff editor.
 * Call once in `activate`; add `onWebviewPanel:perflens.history` to the activation events.
 */
export function registerHistoryPanel(context: vscode.ExtensionContext, client: PanelClient): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const cached = versionSources.get(uri.toString());
      if (cached !== undefined) return cached;
      // After a reload the cache is empty: ask the server again.
      const q = new URLSearchParams(uri.query);
      const functionId = q.get('functionId');
      const versionId = q.get('versionId');
      if (!functionId || !versionId) return '// PerfLens: this link names no stored version.';
      const r = await client.sendRequest(VersionSourceRequest.type, { functionId, versionId }).catch(() => null);
      return r?.source ?? '// PerfLens: the history store kept no source for this version.';
    },
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(VERSION_SOURCE_SCHEME, provider),
    vscode.window.registerWebviewPanelSerializer(HISTORY_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = typeof state === 'object' && state !== null ? (state as { target?: unknown }).target : undefined;
        HistoryPanel.current?.dispose();
        new HistoryPanel(panel, context.extensionUri, client, isHistoryTarget(saved) ? saved : undefined);
      },
    }),
  );
}

/**
 * Opens (or reveals) the history panel on `target`. Without a target, the user picks a function with
 * stored history (those of the active editor's file first). Resolves once the panel is shown.
 */
export async function showHistoryPanel(context: vscode.ExtensionContext, client: PanelClient, target?: HistoryTarget): Promise<void> {
  let chosen = target && isHistoryTarget(target) ? target : undefined;
  if (!chosen) {
    let entries: HistoryFunctionEntry[];
    try {
      entries = await client.sendRequest(HistoryFunctionsRequest.type, {});
    } catch (e) {
      void vscode.window.showErrorMessage(`PerfLens: could not list functions with history: ${errorText(e)}. Is the PerfLens server running?`);
      return;
    }
    if (entries.length === 0) {
      void vscode.window.showInformationMessage('PerfLens: no function has stored runs yet. Click ▶ Benchmark above a function first.');
      return;
    }
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const items = entries
      .map((f) => ({ label: f.qualifiedName, description: f.file, detail: `${f.versionCount} version${f.versionCount === 1 ? '' : 's'}`, f }))
      .sort((a, b) => Number(b.f.uri === active) - Number(a.f.uri === active));
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Show the performance history of…', matchOnDescription: true });
    if (!pick) return;
    chosen = { uri: pick.f.uri, qualifiedName: pick.f.qualifiedName };
  }
  const existing = HistoryPanel.current;
  if (existing) {
    existing.panel.reveal(undefined, false);
    await existing.load(chosen);
    return;
  }
  const panel = vscode.window.createWebviewPanel(
    HISTORY_VIEW_TYPE,
    `History: ${chosen.qualifiedName}`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
    { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')] },
  );
  // The page asks for data with `ready` once loaded; the panel answers with `chosen`.
  new HistoryPanel(panel, context.extensionUri, client, chosen);
}

/**
 * Tells an open history panel that a run was stored (call it from the `perflens/runRecorded` notification
 * handler). The panel reloads: its function's chart and the picker's version counts change.
 */
export function notifyRunRecorded(params: HistoryTarget): void {
  const panel = HistoryPanel.current;
  if (panel && isHistoryTarget(params)) panel.refreshSoon();
}
