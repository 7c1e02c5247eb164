// One window's PerfLens session: the language client, its start/stop/restart, and the server's
// notifications (run state, trust, "show history") routed to the status bar and the panel.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  ClientCommand,
  RunClientCommandNotification,
  RunRecordedNotification,
  RunStateNotification,
  ShowHistoryNotification,
  TrustNotification,
} from '../../server/src/protocol';
import { notifyRunRecorded } from './panel/historyPanel';
import { createLanguageClient, resolveNodePath } from './languageClient';
import type { StatusBar } from './statusBar';

/** Owns the language client; commands ask it for a running client or get undefined. */
export class Session implements vscode.Disposable {
  private current?: LanguageClient;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Benchmarks this window started and can still cancel (the status bar item cancels them). */
  private readonly runs = new Set<vscode.CancellationTokenSource>();

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    readonly status: StatusBar,
    /** Opens the history panel on one function, or with a picker when none is named (client/src/panel/). */
    readonly showHistory: (uri?: string, qualifiedName?: string) => Promise<void>,
  ) {}

  /** The client when the server is up, else undefined (commands then take their disabled variant). */
  get client(): LanguageClient | undefined {
    return this.current?.state === State.Running ? this.current : undefined;
  }

  /** Starts the server; failures are shown with a way out, never thrown at the activation. */
  async start(): Promise<void> {
    this.status.setServer('starting');
    let client: LanguageClient | undefined;
    try {
      client = await createLanguageClient(this.context, this.log);
      this.current = client;
      this.subscriptions.push(
        client.onDidChangeState(({ newState }) => {
          if (newState === State.Stopped && this.current === client) this.status.setServer('stopped');
        }),
      );
      client.onNotification(RunStateNotification.type, (p) => this.status.setRunState(p));
      client.onNotification(ShowHistoryNotification.type, ({ uri, qualifiedName }) => void this.showHistory(uri, qualifiedName));
      client.onNotification(RunRecordedNotification.type, (p) => notifyRunRecorded(p));
      // "Accept with a note…" on a REJECT message: the note needs our input box. Only our own commands run.
      const ours = new Set<string>(Object.values(ClientCommand));
      client.onNotification(RunClientCommandNotification.type, ({ command, arguments: args }) => {
        if (ours.has(command)) void vscode.commands.executeCommand(command, ...args);
      });
      await client.start();
      this.status.setServer('running');
      this.log.info(`server started on ${resolveNodePath()}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.status.setServer('failed', message);
      this.log.error(`server failed to start: ${message}`);
      const open = 'Open Settings';
      void vscode.window
        .showErrorMessage(`PerfLens could not start its server with Node "${resolveNodePath()}": ${message}. Set "perflens.nodePath" to a Node 20+ binary.`, open)
        .then((choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettings', 'perflens.nodePath'));
    }
  }

  async stop(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    if (client && client.state !== State.Stopped) {
      await client.stop(5_000).catch((err: unknown) => this.log.warn(`stopping the server: ${String(err)}`));
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** A cancellation source for one benchmark request; dispose it when the request settles. */
  trackRun(): vscode.CancellationTokenSource {
    const source = new vscode.CancellationTokenSource();
    const dispose = source.dispose.bind(source);
    source.dispose = () => {
      this.runs.delete(source);
      dispose();
    };
    this.runs.add(source);
    return source;
  }

  /** Cancels every benchmark this window is waiting for (the status bar item while one runs). */
  cancelRuns(): void {
    for (const run of this.runs) run.cancel();
  }

  /** Tells the server the workspace became trusted (trust can be granted, never revoked, in a session). */
  notifyTrusted(): void {
    this.status.setTrusted(true);
    void this.client?.sendNotification(TrustNotification.type, { trusted: true });
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    void this.stop();
  }
}
