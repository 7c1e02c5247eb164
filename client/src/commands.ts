// Every PerfLens command, registered through one factory: each has an enabled variant (server up) and a
// disabled one (server down: say so and offer a restart), so a click never fails silently.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ServerCommand, type CommandResult, type CommandTarget } from '../../server/src/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { LLM_KEY_SECRET } from './languageClient';
import type { Session } from './session';

type Handler = (...args: unknown[]) => unknown;

/** A command in its two variants. */
interface CommandSpec {
  /** Runs while the server is up. */
  enabled: (session: Session, client: LanguageClient) => Handler;
  /** Runs while it is down; default: a message saying so, with a Restart action. */
  disabled?: (session: Session) => Handler;
}

/** Registers every command; each call picks the variant from the server's state at that moment. */
export function registerCommands(session: Session): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, spec]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      const client = session.client;
      return client ? spec.enabled(session, client)(...args) : (spec.disabled ?? serverDown)(session)(...args);
    }),
  );
}

function serverDown(session: Session): Handler {
  return async () => {
    const restart = 'Restart Server';
    const choice = await vscode.window.showWarningMessage('The PerfLens server is not running. See the PerfLens output for why.', restart, 'Show Output');
    if (choice === restart) await session.restart();
    else if (choice) session.log.show();
    return undefined;
  };
}

/** The same handler in both variants: commands that need no server. */
const always = (make: (session: Session) => Handler): CommandSpec => ({ enabled: (s) => make(s), disabled: make });

const COMMANDS: Record<string, CommandSpec> = {
  'perflens.benchmarkFunction': { enabled: (s, c) => (arg) => benchmark(s, c, ServerCommand.benchmark, arg, 'function') },
  'perflens.benchmarkFile': { enabled: (s, c) => (arg) => benchmark(s, c, ServerCommand.benchmarkFile, arg, 'file') },
  'perflens.compareWithBaseline': { enabled: (s, c) => (arg) => benchmark(s, c, ServerCommand.compare, arg, 'function') },
  'perflens.setBaseline': { enabled: (s, c) => (arg) => baseline(s, c, ServerCommand.setBaseline, arg) },
  'perflens.clearBaseline': { enabled: (s, c) => (arg) => baseline(s, c, ServerCommand.clearBaseline, arg) },
  'perflens.acceptRegression': {
    enabled: (s, c) => async (arg) => {
      const target = targetFrom(c, arg);
      if (!target) return noEditor();
      const note =
        target.note ??
        (await vscode.window.showInputBox({
          title: 'Accept regression',
          prompt: 'Why is this slowdown acceptable? The note is stored with the version and shown in its history.',
          validateInput: (v) => (v.trim() ? undefined : 'A note is required: it tells the next reader why the slowdown is fine.'),
        }));
      if (note === undefined) return undefined;
      return run(s, c, ServerCommand.acceptRegression, { ...target, note });
    },
  },
  'perflens.showHistory': {
    enabled: (s, c) => async (arg) => {
      const target = targetFrom(c, arg);
      // No editor: the panel lets the user pick among the functions with stored history.
      if (!target) return s.showHistory();
      if (target.qualifiedName) return s.showHistory(target.uri, target.qualifiedName);
      // The server resolves the cursor position to a function and asks us back to open the panel.
      return run(s, c, ServerCommand.showHistory, target);
    },
  },
  'perflens.clearLlmCache': { enabled: (s, c) => () => run(s, c, ServerCommand.clearLlmCache) },
  'perflens.toggleUnreachedLines': {
    enabled: (s, c) => (arg) => {
      const target = targetFrom(c, arg);
      return target ? run(s, c, ServerCommand.toggleUnreachedLines, target) : noEditor();
    },
  },
  'perflens.toggleLineCosts': { enabled: (s, c) => () => run(s, c, ServerCommand.toggleLineCosts) },
  'perflens.setLlmApiKey': always((s) => async () => {
    const key = await vscode.window.showInputBox({
      title: 'PerfLens: LLM API key',
      prompt: 'Stored in VS Code secret storage; the server receives it in its environment. Leave empty to remove the key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    if (key.trim()) await s.context.secrets.store(LLM_KEY_SECRET, key.trim());
    else await s.context.secrets.delete(LLM_KEY_SECRET);
    s.log.info(key.trim() ? 'LLM API key stored; restarting the server to pass it on' : 'LLM API key removed; restarting the server');
    await s.restart();
  }),
  'perflens.showOutput': always((s) => () => s.log.show()),
  'perflens.cancelBenchmark': always((s) => () => s.cancelRuns()),
  'perflens.restartServer': always((s) => () => s.restart()),
  'perflens.explainTrust': always(() => async () => {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showInformationMessage(
      'PerfLens benchmarks run the code of this workspace, so they are off until you trust it. Static analysis (complexity, security, lenses) keeps working.',
      manage,
    );
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  }),
};

/** The function a command is about: its argument (lens, hover, quick fix) or the cursor of the active editor. */
function targetFrom(client: LanguageClient, arg: unknown): CommandTarget | undefined {
  if (arg && typeof arg === 'object' && typeof (arg as CommandTarget).uri === 'string') return arg as CommandTarget;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: client.code2ProtocolConverter.asUri(editor.document.uri), position: { line, character } };
}

function noEditor(): CommandResult {
  void vscode.window.showInformationMessage('Open a TypeScript or JavaScript file and put the cursor in a function first.');
  return { ok: false, message: 'no active editor' };
}

async function benchmark(session: Session, client: LanguageClient, command: string, arg: unknown, what: 'function' | 'file'): Promise<CommandResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    await vscode.commands.executeCommand('perflens.explainTrust');
    return { ok: false, message: 'workspace not trusted' };
  }
  const target = targetFrom(client, arg);
  if (!target) return noEditor();
  return run(session, client, command, target, what);
}

async function baseline(session: Session, client: LanguageClient, command: string, arg: unknown): Promise<CommandResult | undefined> {
  const target = targetFrom(client, arg);
  if (!target) return noEditor();
  let scope = target.scope;
  if (!scope) {
    // From a lens, hover or quick fix the function is known; from the palette, ask how wide.
    if (target.qualifiedName) scope = 'function';
    else {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'Function at the cursor', scope: 'function' as const },
          { label: 'Every function in this file', scope: 'file' as const },
          { label: 'Every function in the workspace', description: 'latest stored version of each', scope: 'workspace' as const },
        ],
        { title: command === ServerCommand.setBaseline ? 'Set baseline for…' : 'Clear baseline of…' },
      );
      if (!picked) return undefined;
      scope = picked.scope;
    }
  }
  let label = target.label;
  if (!label) {
    const fallback = vscode.workspace.getConfiguration('perflens', vscode.Uri.parse(target.uri)).get<string>('baseline.label', DEFAULT_SETTINGS.baseline.label);
    label = await vscode.window.showInputBox({ title: 'Baseline label', value: fallback, prompt: 'A name such as main or release-1.2; later runs compare against it.' });
    if (!label?.trim()) return undefined;
  }
  return run(session, client, command, { ...target, scope, label: label.trim() });
}

/**
 * Sends one server command. Quiet by design: the server logs each result once at its level and shows a
 * message only for an error or a decision (per `perflens.notifications`); progress shows on the lens and in
 * the one status bar item, which cancels the run when clicked. Only a failure to reach the server is ours to show.
 */
async function run(session: Session, client: LanguageClient, command: string, target?: CommandTarget, cancellable?: 'function' | 'file'): Promise<CommandResult | undefined> {
  const cancel = cancellable ? session.trackRun() : undefined;
  try {
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: target ? [target] : [] }, cancel?.token)) as CommandResult;
  } catch (err) {
    if (cancel?.token.isCancellationRequested) return { ok: false, message: 'Cancelled.' };
    const message = `PerfLens: ${err instanceof Error ? err.message : String(err)}`;
    session.log.error(`${command}: ${message}`);
    if (notificationLevel(target) !== 'none') void vscode.window.showErrorMessage(message, 'Show Output').then((c) => c && session.log.show());
    return { ok: false, message };
  } finally {
    cancel?.dispose();
  }
}

/** The `perflens.notifications` setting for the target's file. */
function notificationLevel(target?: CommandTarget): string {
  const scope = target?.uri ? vscode.Uri.parse(target.uri) : undefined;
  return vscode.workspace.getConfiguration('perflens', scope).get<string>('notifications', 'errors');
}
