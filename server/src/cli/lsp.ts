// `perflens lsp`: the language server for any editor, on stdio (Neovim, Helix, ...) or on Node IPC
// (the VS Code client starts the same server from its own bundle, dist/server.js, with --node-ipc).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ExitCode, UsageError, type CliCommand } from './command';
import { startServer } from '../lsp/server';

/** The `perflens lsp` subcommand. */
export const lspCommand: CliCommand = {
  name: 'lsp',
  usage: 'perflens lsp --stdio | --node-ipc',
  details: [
    'Speaks the Language Server Protocol. Editors other than VS Code start it with `perflens lsp --stdio`;',
    'see docs/extension.md for a Neovim setup. Settings are read from the client (section "perflens").',
    'The history database is <workspace>/.perflens/history.db unless the client sends initializationOptions.dbPath.',
  ].join('\n'),
  options: {
    stdio: { type: 'boolean', description: 'talk LSP over stdin/stdout' },
    'node-ipc': { type: 'boolean', description: 'talk LSP over the Node IPC channel (used by the VS Code client)' },
    // Added by vscode-languageclient; vscode-languageserver reads it from process.argv itself.
    clientProcessId: { type: 'string', description: 'exit when this process id goes away', valueName: '<pid>' },
  },
  positionals: { min: 0, max: 0, names: 'no positional arguments' },
  run(ctx) {
    if (!ctx.values.stdio && !ctx.values['node-ipc']) {
      throw new UsageError('choose a transport: --stdio (most editors) or --node-ipc');
    }
    // createConnection picks the transport from process.argv (--stdio / --node-ipc) and, on stdio,
    // redirects console.* to the client so nothing else writes into the protocol stream.
    const connection = createConnection(ProposedFeatures.all);
    startServer(connection);
    // SIGTERM/SIGINT (the router turns them into this abort) end the server cleanly; the exit kills
    // running sandbox children and removes their temp dirs.
    ctx.signal.addEventListener('abort', () => process.exit(ExitCode.ok), { once: true });
    return new Promise<number>((resolve) => connection.onExit(() => resolve(ExitCode.ok)));
  },
};
