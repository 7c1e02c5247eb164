// A minimal LSP client for the protocol tests: spawns the server over stdio, speaks vscode-jsonrpc,
// answers workspace/configuration from a per-URI table, and waits for notifications instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { CodeLens, Diagnostic, Hover, InitializeResult, MarkupContent, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { CommandResult } from '../../../server/src/protocol';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * How long a test waits for the server (diagnostics, a publish). Generous on purpose: a wait ends as soon
 * as the event arrives, so the limit costs nothing on a quiet machine, and on a busy two-core machine
 * starting the server and its analysis worker alone can take tens of seconds.
 */
export const WAIT_MS = 180_000;
/** The node:test timeout of one protocol test: only a hang should reach it. */
export const TEST_TIMEOUT_MS = 600_000;

/** Options of {@link startLsp}. */
export interface StartOptions {
  /** Sent as initializationOptions (trusted, dbPath, clientCommands). */
  initializationOptions?: Record<string, unknown>;
  /** Values of the `perflens` section, per scope URI ('*' for any). */
  settings?: Record<string, unknown>;
  /** Client capabilities beyond the defaults below. */
  capabilities?: Record<string, unknown>;
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv;
  /** Answers window/showMessageRequest: the title of the action to pick, or undefined to dismiss. */
  pickAction?: (message: ShownMessage) => string | undefined;
  /** The server command (default: the sources through tsx); e.g. `[process.execPath, 'bin/perflens.js', 'lsp', '--stdio']`. */
  command?: string[];
}

/** A window/showMessage (no actions) or window/showMessageRequest (with actions) the server sent. */
export interface ShownMessage {
  /** 1 error, 2 warning, 3 info, 4 log (LSP MessageType). */
  type: number;
  message: string;
  actions?: string[];
}

/** A window/logMessage line: type as above. */
export interface LogLine {
  type: number;
  message: string;
}

/** A running server and the client side of its connection. */
export interface LspSession {
  connection: MessageConnection;
  process: ChildProcess;
  /** A fresh temporary workspace folder (removed by close). */
  workspace: string;
  initializeResult: InitializeResult;
  /** Every workspace/configuration item asked for, in order. */
  configRequests: { scopeUri?: string; section?: string }[];
  /** Replaces the settings table the client answers from. */
  settings: Record<string, unknown>;
  /** Every message the server asked to show, in order. */
  messages: ShownMessage[];
  /** Every log line the server sent, in order. */
  logs: LogLine[];
  /** Every custom notification whose method starts with `perflens/`, in order. */
  custom: { method: string; params: unknown }[];
  /** Resolves once `accept` holds (checked now and after each message, log line or custom notification). */
  until(accept: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  open(file: string, text: string, languageId?: string): Promise<string>;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void>;
  codeLenses(uri: string): Promise<CodeLens[]>;
  /** The lens title of the function `qualifiedName`, or undefined when it has no lens. */
  lensTitle(uri: string, qualifiedName: string): Promise<string | undefined>;
  /** Runs a server command with `{ uri, ...arg }` as its argument. */
  exec(command: string, uri: string, arg?: object): Promise<CommandResult>;
  /** The hover text over the first occurrence of `name` on the line containing `lineText`. */
  hoverText(uri: string, text: string, lineText: string, name: string): Promise<string | undefined>;
  hover(uri: string, line: number, character: number): Promise<Hover | null>;
  /** How many times diagnostics were published for `uri` so far (each analysis publishes once). */
  publishCount(uri: string): number;
  /** Resolves when diagnostics for `uri` have been published more than `count` times. */
  publishedAfter(uri: string, count: number, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Resolves with the first diagnostics for `uri` that satisfy `accept` (published now or already). */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

/** Starts the server from sources in a child process and initializes it on a temporary workspace. */
export async function startLsp(options: StartOptions = {}): Promise<LspSession> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'perflens-lsp-'));
  const [cmd, ...args] = options.command ?? [process.execPath, '--import', 'tsx', path.join(ROOT, 'test/lsp/support/stdio-server.ts'), '--stdio'];
  const child = spawn(cmd!, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, Diagnostic[]>();
  const counts = new Map<string, number>();
  const waiters = new Set<{ uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }>();
  const configRequests: { scopeUri?: string; section?: string }[] = [];
  const session = { settings: options.settings ?? {}, messages: [], logs: [], custom: [] } as unknown as LspSession;
  const conditions = new Set<() => void>();
  const recorded = () => conditions.forEach((check) => check());

  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    counts.set(p.uri, (counts.get(p.uri) ?? 0) + 1);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.delete(w);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
    p.items.map((item) => {
      configRequests.push(item);
      return session.settings[item.scopeUri ?? ''] ?? session.settings['*'] ?? null;
    }),
  );
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onNotification('window/logMessage', (p: LogLine) => {
    if (process.env.PERFLENS_TEST_LOG) process.stderr.write(`[server] ${p.message}\n`);
    session.logs.push({ type: p.type, message: p.message });
    recorded();
  });
  connection.onNotification('window/showMessage', (p: ShownMessage) => {
    session.messages.push({ type: p.type, message: p.message });
    recorded();
  });
  connection.onRequest('window/showMessageRequest', (p: { type: number; message: string; actions?: { title: string }[] }) => {
    const shown: ShownMessage = { type: p.type, message: p.message, actions: (p.actions ?? []).map((a) => a.title) };
    session.messages.push(shown);
    recorded();
    const title = options.pickAction?.(shown);
    return title ? { title } : null;
  });
  connection.onNotification((method: string, params: unknown) => {
    if (!method.startsWith('perflens/')) return;
    session.custom.push({ method, params });
    recorded();
  });
  connection.listen();

  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, codeLens: { refreshSupport: true } },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
      ...options.capabilities,
    },
    initializationOptions: { dbPath: path.join(workspace, '.perflens', 'history.db'), ...options.initializationOptions },
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});

  return Object.assign(session, {
    connection,
    process: child,
    workspace,
    initializeResult,
    configRequests,
    async open(file: string, text: string, languageId = 'typescript') {
      // On disk too, as in an editor: the sandbox bundles the file's imports from its folder.
      writeFileSync(path.join(workspace, file), text);
      const uri = pathToFileURL(path.join(workspace, file)).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]) {
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    },
    codeLenses: (uri: string) => connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>,
    async lensTitle(uri: string, qualifiedName: string) {
      const lenses = (await connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
      return lenses.find((l) => (l.command?.arguments?.[0] as { qualifiedName?: string } | undefined)?.qualifiedName === qualifiedName)?.command?.title;
    },
    exec: (command: string, uri: string, arg: object = {}) => connection.sendRequest('workspace/executeCommand', { command, arguments: [{ uri, ...arg }] }) as Promise<CommandResult>,
    async hoverText(uri: string, text: string, lineText: string, name: string) {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes(lineText));
      const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line]!.indexOf(name) + 1 } })) as Hover | null;
      return hover ? (hover.contents as MarkupContent).value : undefined;
    },
    hover: (uri: string, line: number, character: number) =>
      connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<Hover | null>,
    publishCount: (uri: string) => counts.get(uri) ?? 0,
    until(accept: () => boolean, what: string, timeoutMs = WAIT_MS) {
      if (accept()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!accept()) return;
          conditions.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          conditions.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr: ${stderr}`));
        }, timeoutMs);
        conditions.add(check);
      });
    },
    publishedAfter(uri: string, count: number, timeoutMs = WAIT_MS) {
      return session.diagnostics(uri, () => (counts.get(uri) ?? 0) > count, timeoutMs);
    },
    diagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true, timeoutMs = WAIT_MS) {
      const now = latest.get(uri);
      if (now && accept(now)) return Promise.resolve(now);
      return new Promise<Diagnostic[]>((resolve, reject) => {
        const w = { uri, accept, resolve: (d: Diagnostic[]) => (clearTimeout(timer), resolve(d)) };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(uri))}\nserver stderr: ${stderr}`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    async close() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5_000))]);
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
      });
      connection.dispose();
      rmSync(workspace, { recursive: true, force: true });
    },
  });
}
