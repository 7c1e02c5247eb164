// PerfLens in VS Code: activation wires the log, the status bar, the commands and the language server,
// and restarts the server when a setting that shapes its process changes.
import * as vscode from 'vscode';
import type { BenchmarkSummary } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { currentClient, registerHistoryPanel, showHistoryPanel } from './panel/historyPanel';
import { PROCESS_SETTINGS } from './languageClient';
import { Session } from './session';
import { StatusBar } from './statusBar';

/** What `activate` returns: lets integration tests wait for readiness instead of sleeping. */
export interface PerfLensApi {
  /** True once the language server answered `initialize`. */
  isServerRunning(): boolean;
  /** The last benchmark the server reported. */
  lastRun(): BenchmarkSummary | undefined;
  /** What the PerfLens status bar item shows: text, tooltip and background colour id. */
  statusBar(): { text: string; tooltip: string; background?: string };
}

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PerfLensApi> {
  const log = vscode.window.createOutputChannel('PerfLens', { log: true });
  const status = new StatusBar();
  // The panel talks to whichever client is current: the session restarts it when process settings change.
  const panelClient = currentClient(() => session?.client);
  session = new Session(context, log, status, (uri, qualifiedName) =>
    showHistoryPanel(context, panelClient, uri && qualifiedName ? { uri, qualifiedName } : undefined),
  );
  const current = session;
  context.subscriptions.push(
    log,
    status,
    current,
    registerHistoryPanel(context, panelClient),
    ...registerCommands(current),
    vscode.workspace.onDidGrantWorkspaceTrust(() => current.notifyTrusted()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      const changed = PROCESS_SETTINGS.filter((s) => e.affectsConfiguration(s));
      if (changed.length === 0) return;
      const restart = 'Restart';
      const choice = await vscode.window.showInformationMessage(`PerfLens must restart its server to apply ${changed.join(', ')}.`, restart);
      if (choice === restart) await current.restart();
    }),
  );
  await current.start();
  return {
    isServerRunning: () => current.client !== undefined,
    lastRun: () => status.lastRun,
    statusBar: () => status.shown,
  };
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
