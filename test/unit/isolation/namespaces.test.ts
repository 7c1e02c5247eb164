// Layer 1 on its own: a plain Node script (no permission model, no mocks) started through the wrapper
// isolation.ts builds has no network, sees no home folder, no other processes and not its parent; with
// bubblewrap it can also write only in its temp dir and still reads the workspace and node_modules.
// (unshare keeps the host's tree apart from the hidden homes; layer 2 guards writes there.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { detectIsolation, nodeInstallPaths, wrapCommand } from '../../../server/src/profile/sandbox/isolation';

const workspace = resolve(__dirname, '../../..');

function capability(tool: 'bwrap' | 'unshare') {
  const saved = process.env.PERFLENS_ISOLATION;
  process.env.PERFLENS_ISOLATION = tool;
  try {
    return detectIsolation();
  } finally {
    if (saved === undefined) delete process.env.PERFLENS_ISOLATION;
    else process.env.PERFLENS_ISOLATION = saved;
  }
}

for (const tool of ['bwrap', 'unshare'] as const) {
  const cap = capability(tool);
  test(`inside ${tool}'s namespaces: no network, no home, no other processes${tool === 'bwrap' ? ', writes only in the temp dir' : ''}`, { skip: cap.tool !== tool ? `${tool} cannot create namespaces here` : false }, async () => {
    let reached = 0;
    const server = createServer((s) => {
      reached++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const sandboxDir = mkdtempSync(join(tmpdir(), 'perflens-ns-'));
    const outside = mkdtempSync(join(tmpdir(), 'perflens-ns-outside-'));
    const script = join(sandboxDir, 'probe.js');
    writeFileSync(
      script,
      `const fs = require('fs'), net = require('net');
       const out = {};
       const tryIt = (k, f) => { try { out[k] = f(); } catch (e) { out[k] = 'ERR ' + e.code; } };
       tryIt('home', () => fs.readdirSync(${JSON.stringify(homedir())}).length);
       tryIt('pids', () => fs.readdirSync('/proc').filter((e) => /^\\d+$/.test(e)).length);
       tryIt('parentVisible', () => fs.existsSync('/proc/${process.pid}'));
       tryIt('writeOutside', () => { fs.writeFileSync(${JSON.stringify(join(outside, 'x'))}, 'x'); return 'written'; });
       tryIt('writeWorkspace', () => { fs.writeFileSync(${JSON.stringify(join(workspace, 'perflens-ns-probe.txt'))}, 'x'); return 'written'; });
       tryIt('writeSandbox', () => { fs.writeFileSync(${JSON.stringify(join(sandboxDir, 'ok.txt'))}, 'x'); return 'written'; });
       tryIt('readWorkspace', () => fs.readFileSync(${JSON.stringify(join(workspace, 'package.json'))}, 'utf8').length > 0);
       tryIt('readNodeModules', () => fs.existsSync(${JSON.stringify(join(workspace, 'node_modules'))}));
       const s = net.connect(${port}, '127.0.0.1');
       s.on('connect', () => { out.net = 'connected'; done(); });
       s.on('error', (e) => { out.net = 'ERR ' + e.code; done(); });
       function done() { process.stdout.write(JSON.stringify(out)); process.exit(0); }`,
    );
    const [cmd, args] = wrapCommand(cap, { nodePath: process.execPath, args: [script], sandboxDir, readPaths: [workspace, ...nodeInstallPaths(process.execPath)], dataLimitMb: 1024 });
    const child = spawn(cmd, args, { cwd: sandboxDir, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise((r) => child.on('close', r));
    server.close();
    try {
      const out = JSON.parse(stdout) as Record<string, unknown>;
      assert.match(String(out.net), /^ERR /, 'no network');
      assert.equal(reached, 0);
      assert.ok(out.home === 'ERR ENOENT' || out.home === 0, `home hidden: ${out.home}`);
      assert.ok(typeof out.pids === 'number' && out.pids < 10, `only the sandbox's processes: ${out.pids}`);
      assert.equal(out.parentVisible, false);
      assert.equal(out.writeSandbox, 'written');
      assert.equal(out.readWorkspace, true);
      assert.equal(out.readNodeModules, true);
      if (tool === 'bwrap') {
        assert.match(String(out.writeOutside), /^ERR /);
        assert.match(String(out.writeWorkspace), /^ERR /);
        assert.deepEqual(readdirSync(outside), []);
      }
    } catch (e) {
      throw new Error(`${(e as Error).message}\nstdout: ${stdout}\nstderr: ${stderr}`);
    } finally {
      rmSync(sandboxDir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
      rmSync(join(workspace, 'perflens-ns-probe.txt'), { force: true });
    }
  });
}
