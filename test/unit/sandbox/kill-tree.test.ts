// A kill of the sandbox reaches every process it started, also one that moved to a session of its own
// (as bwrap's inner process does), which a process-group kill misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { killGroup } from '../../../server/src/profile/sandbox/kill';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

test('killGroup takes along a grandchild in its own session', { skip: process.platform !== 'linux' && 'Linux only (/proc, setsid)' }, async () => {
  const child = spawn('sh', ['-c', 'setsid sleep 300 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  assert.ok(alive(pid), 'the grandchild runs');
  // Its own session, so not in the child's process group: the old group kill alone would miss it.
  const sessionOf = (p: number) => Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[3]);
  for (let i = 0; i < 50 && sessionOf(pid) === sessionOf(child.pid!); i++) await new Promise((r) => setTimeout(r, 20));
  assert.notEqual(sessionOf(pid), sessionOf(child.pid!));
  const closed = new Promise((r) => child.once('exit', r));
  killGroup(child);
  await closed;
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(alive(pid), false, 'no process of the run outlives the kill');
});
