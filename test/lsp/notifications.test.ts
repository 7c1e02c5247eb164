// Quiet by default: every benchmark result is one log line at its level (failures at warn, never info);
// a message pops up only for an error or a decision (perflens.notifications: errors), for everything (all),
// or never (none); a cancel is neither a message nor a warning. A REJECT is a warning offering its fixes,
// and after the accept the run state (the VS Code status bar) shows the ACCEPT instead of the REJECT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { CommandResult, RunStateNotification } from '../../server/src/protocol';
import { startLsp, type LspSession } from './support/client';
import { TOTAL as fast, SLOW_LOOP as slowBody } from './support/total';

const ERROR = 1;
const WARNING = 2;
const INFO = 3;

const sample = readFileSync(path.join(__dirname, '../fixtures/lsp/sample.ts'), 'utf8');
const slow = readFileSync(path.join(__dirname, '../fixtures/lsp/slow.ts'), 'utf8');
const boom = `export function boom(xs: number[]): number {
  if (xs.length >= 0) throw new Error('boom: this input is not accepted');
  return 0;
}
`;

const exec = (lsp: LspSession, command: string, arg: object, token?: CancellationTokenSource['token']) => {
  const params = { command: `perflens.server.${command}`, arguments: [arg] };
  return (token ? lsp.connection.sendRequest('workspace/executeCommand', params, token) : lsp.connection.sendRequest('workspace/executeCommand', params)) as Promise<CommandResult>;
};

/** The log lines about one function's benchmark. */
const runLines = (lsp: LspSession, fn: string) => lsp.logs.filter((l) => l.message.startsWith('benchmark ') && l.message.includes(`#${fn}:`));

async function opened(lsp: LspSession, file: string, text: string): Promise<string> {
  const uri = await lsp.open(file, text);
  await lsp.diagnostics(uri);
  return uri;
}

test('errors (default): a success is only logged, a failure pops up once as an error, a cancel is quiet', { timeout: 180_000 }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { benchmark: { budgetMs: 200, timeoutMs: 120_000 } } } });
  t.after(() => lsp.close());
  const sampleUri = await opened(lsp, 'sample.ts', sample);
  const boomUri = await opened(lsp, 'boom.ts', boom);
  const slowUri = await opened(lsp, 'slow.ts', slow);

  const ok = await exec(lsp, 'benchmark', { uri: sampleUri, qualifiedName: 'sum' });
  assert.equal(ok.ok, true, ok.message);
  await lsp.until(() => runLines(lsp, 'sum').length > 0, 'the log line of sum');
  assert.deepEqual(runLines(lsp, 'sum').map((l) => l.type), [INFO], 'one info line per result, not two');
  assert.equal(lsp.messages.length, 0, 'no message for a success');

  const failed = await exec(lsp, 'benchmark', { uri: boomUri, qualifiedName: 'boom' });
  assert.equal(failed.ok, false);
  await lsp.until(() => lsp.messages.length > 0, 'the error message of boom');
  assert.equal(lsp.messages.length, 1);
  assert.equal(lsp.messages[0].type, ERROR);
  assert.match(lsp.messages[0].message, /boom/);
  assert.deepEqual(runLines(lsp, 'boom').map((l) => l.type), [WARNING], 'a failure is logged once, at warn');

  // Cancel once the run is under way.
  const running = lsp.until(() => lsp.custom.some((n) => n.method === 'perflens/runState' && (n.params as RunStateNotification.Params).running?.qualifiedName === 'slow'), 'slow to start');
  const source = new CancellationTokenSource();
  const request = exec(lsp, 'benchmark', { uri: slowUri, qualifiedName: 'slow' }, source.token).catch(() => undefined);
  await running;
  source.cancel();
  await request;
  await lsp.until(() => runLines(lsp, 'slow').length > 0, 'the log line of the cancelled run');
  assert.deepEqual(runLines(lsp, 'slow').map((l) => l.type), [INFO], 'a cancel is logged at info');
  assert.match(runLines(lsp, 'slow')[0].message, /cancelled/);
  assert.equal(lsp.messages.length, 1, 'a cancel pops nothing up');
});

test('all: a success pops up as information; none: even a failure only goes to the log', { timeout: 120_000 }, async (t) => {
  const lsp = await startLsp({ settings: { '*': { notifications: 'all', benchmark: { budgetMs: 200 } } } });
  t.after(() => lsp.close());
  const sampleUri = await opened(lsp, 'sample.ts', sample);
  const boomUri = await opened(lsp, 'boom.ts', boom);
  await exec(lsp, 'benchmark', { uri: sampleUri, qualifiedName: 'sum' });
  await lsp.until(() => lsp.messages.length > 0, 'the success message');
  assert.equal(lsp.messages[0].type, INFO);
  assert.match(lsp.messages[0].message, /^sum: /);

  lsp.settings = { '*': { notifications: 'none', benchmark: { budgetMs: 200 } } };
  await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  lsp.messages.length = 0;
  const failed = await exec(lsp, 'benchmark', { uri: boomUri, qualifiedName: 'boom' });
  assert.equal(failed.ok, false);
  await lsp.until(() => runLines(lsp, 'boom').length > 0, 'the log line of boom');
  assert.equal(runLines(lsp, 'boom')[0].type, WARNING);
  assert.equal(lsp.messages.length, 0, lsp.messages.map((m) => m.message).join('; '));
});

test('a REJECT is a warning with its fixes; after the accept the run state shows the ACCEPT', { timeout: 180_000 }, async (t) => {
  const lsp = await startLsp({
    initializationOptions: { clientCommands: true },
    settings: { '*': { benchmark: { budgetMs: 300 } } },
    pickAction: (m) => (m.actions?.includes('Accept with a note…') ? 'Accept with a note…' : undefined),
  });
  t.after(() => lsp.close());
  const uri = await opened(lsp, 'total.ts', fast);
  assert.equal((await exec(lsp, 'benchmark', { uri, qualifiedName: 'total' })).ok, true);
  assert.equal((await exec(lsp, 'setBaseline', { uri, qualifiedName: 'total', label: 'main' })).ok, true);
  await lsp.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 31 } }, text: slowBody }]);
  const second = await exec(lsp, 'benchmark', { uri, qualifiedName: 'total' });
  assert.equal(second.results?.[0]?.verdict?.recommendation, 'REJECT', JSON.stringify(second.results?.[0]));

  // The editor's client is asked to run its own accept command (it prompts for the note).
  await lsp.until(() => lsp.custom.some((n) => n.method === 'perflens/runClientCommand'), 'the accept command');
  const reject = lsp.messages.find((m) => /REJECT/.test(m.message))!;
  assert.equal(reject.type, WARNING);
  assert.deepEqual(reject.actions, ['Accept with a note…', 'Set as baseline', 'Show history']);
  assert.deepEqual(lsp.custom.find((n) => n.method === 'perflens/runClientCommand')!.params, { command: 'perflens.acceptRegression', arguments: [{ uri, qualifiedName: 'total' }] });
  assert.equal(lsp.messages.length, 1, 'nothing but the REJECT popped up');
  assert.equal(runLines(lsp, 'total').at(-1)!.type, WARNING, 'a REJECT is logged at warn');

  // ... which, with the note, calls the server's accept: the run state follows.
  const states = () => lsp.custom.filter((n) => n.method === 'perflens/runState').map((n) => n.params as RunStateNotification.Params);
  const before = states().length;
  assert.equal(states().at(-1)!.last?.verdict?.recommendation, 'REJECT');
  assert.equal((await exec(lsp, 'acceptRegression', { uri, qualifiedName: 'total', note: 'exactness first' })).ok, true);
  await lsp.until(() => states().length > before, 'the run state after the accept');
  assert.equal(states().at(-1)!.last?.verdict?.recommendation, 'ACCEPT');
  assert.equal(states().at(-1)!.last?.qualifiedName, 'total');
});
