// Parent attack class, with the real parents: the `perflens` CLI benchmarks a function that signals its
// parent (SIGUSR1 for the inspector, _debugProcess, SIGSTOP, SIGTERM, SIGKILL, kill 0) and must finish
// with its JSON and no inspector, with and without the namespaces. The language server ignores a
// SIGUSR1 sent to it and keeps answering; SIGTERM cancels a CLI run (exit 143, its sandbox gone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { cliAttack, ROOT, type Mode } from './attack-kit';

for (const mode of ['auto', 'off'] as Mode[]) {
  test(`the CLI survives a function that signals it, answers, and opens no inspector (isolation ${mode})`, async () => {
    const r = await cliAttack('parent', mode);
    assert.equal(r.signal, null, `the CLI was killed by ${r.signal}`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json?.status, 'ok');
    assert.equal(r.json?.isolation, mode === 'auto' ? 'namespaces' : 'permission-model');
    assert.equal(r.inspectorOpened, false, r.stderr);
  });
}

test('the language server ignores SIGUSR1 (no inspector) and keeps answering; SIGTERM ends it cleanly', async () => {
  const server = spawn(process.execPath, [join(ROOT, 'bin/perflens.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => server.on('exit', (c, s) => r([c, s])));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  // Wait until the guard is in place: the server answers only after its entry ran.
  await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  server.kill('SIGUSR1');
  const again = await connection.sendRequest('shutdown');
  assert.equal(again, null);
  assert.doesNotMatch(stderr, /Debugger listening/);
  server.kill('SIGTERM');
  const [code, signal] = await exited;
  connection.dispose();
  assert.equal(signal, null);
  assert.equal(code, 0);
});

/** Every descendant of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parentOf.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parentOf) if (pp === p) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

test('SIGTERM cancels a CLI benchmark: exit 143, the sandbox processes gone', async () => {
  const file = resolve(__dirname, '../../fixtures/hostile/hostile.ts');
  const cli = spawn(process.execPath, [join(ROOT, 'bin/perflens.js'), 'bench', file, '--function', 'spin', '--timeout', '60000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  cli.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => cli.on('exit', (c, s) => r([c, s])));
  // Wait for the sandbox to be running (a node child under the CLI), at most 30 s.
  let kids: number[] = [];
  for (let i = 0; i < 300 && kids.length < 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
    kids = descendants(cli.pid!);
  }
  assert.ok(kids.length > 0, 'the sandbox started');
  cli.kill('SIGTERM');
  const [code, signal] = await exited;
  assert.equal(signal, null);
  assert.equal(code, 143, stderr);
  assert.match(stderr, /cancelled by SIGTERM/);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(kids.filter(alive), [], 'no sandbox process outlives the CLI');
});
