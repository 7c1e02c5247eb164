// Starts the PerfLens language server on Node (not the editor's Electron runtime: better-sqlite3 is a
// native module built for Node's ABI) and keeps the connection's lifecycle in one place.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommand, type InitializationOptions } from '../../server/src/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

/** Settings that shape the server process itself; changing one restarts the server. */
export const PROCESS_SETTINGS = ['perflens.nodePath', 'perflens.history.dbPath'] as const;

/** Where the server finds its API key: the environment, so it never appears in settings, messages or logs. */
export const LLM_KEY_ENV = 'PERFLENS_LLM_API_KEY';

/** The secret-storage key of the LLM API key. */
export const LLM_KEY_SECRET = 'perflens.llm.apiKey';

/**
 * The Node binary that runs the server: the `perflens.nodePath` setting, else this extension host's own
 * binary when it is plain Node (code-server, remote hosts), else `node` from PATH (desktop VS Code is Electron).
 */
export function resolveNodePath(): string {
  const configured = vscode.workspace.getConfiguration('perflens').get<string>('nodePath', DEFAULT_SETTINGS.nodePath).trim();
  if (configured) return configured;
  return process.versions.electron ? 'node' : process.execPath;
}

/** Builds (does not start) the language client for this window. */
export async function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const apiKey = await context.secrets.get(LLM_KEY_SECRET);
  // Merged over process.env by the client; without a stored key, one set in the editor's environment still works.
  const env = apiKey ? { [LLM_KEY_ENV]: apiKey } : {};
  const serverOptions: ServerOptions = {
    module,
    runtime: resolveNodePath(),
    transport: TransportKind.ipc,
    options: { env },
  };
  const dbPath = vscode.workspace.getConfiguration('perflens').get<string>('history.dbPath', DEFAULT_SETTINGS.history.dbPath).trim();
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    dbPath: dbPath || undefined,
    clientCommands: true,
    // Progress shows on the lens and in our one status bar item, not in a second, window-progress item.
    runStateProgress: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language })),
    outputChannel: log,
    initializationOptions,
    // Hover links run only our own commands.
    markdown: { isTrusted: { enabledCommands: Object.values(ClientCommand) }, supportHtml: false },
  };
  return new LanguageClient('perflens', 'PerfLens', serverOptions, clientOptions);
}
