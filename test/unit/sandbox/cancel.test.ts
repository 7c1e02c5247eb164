// Aborting a run kills its child process at once and rejects with an AbortError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runFixture } from './run-fixture';

/** Processes whose command line mentions `marker` (Linux /proc). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

test('abort kills the child and rejects with AbortError', async () => {
  const controller = new AbortController();
  let dir = '';
  let running = false;
  const started = Date.now();
  const run = runFixture(resolve(__dirname, '../../fixtures/hostile/hostile.ts'), 'spin', {
    onSandboxDir: (d) => (dir = d),
    spawn: {
      timeoutMs: 20_000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'probe' && !running) {
          running = true;
          setTimeout(() => {
            assert.ok(processesWith(dir).length > 0, 'the child should be running before the abort');
            controller.abort();
          }, 200);
        }
      },
    },
  });
  await assert.rejects(run, (e: Error) => e.name === 'AbortError');
  assert.ok(running, 'the child reached the probe phase');
  assert.ok(Date.now() - started < 10_000, 'ended long before the 20 s limit');
  assert.deepEqual(processesWith(dir), []);
});
