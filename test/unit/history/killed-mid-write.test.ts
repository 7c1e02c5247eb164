// A writer killed with SIGKILL in the middle of its writes leaves a consistent DB: every committed
// transaction complete (each run has its verdict), nothing half-written, and the DB opens and accepts writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../server/src/history/db';
import { openHistory } from '../../../server/src/history/open';

const writer = join(__dirname, '../../support/history-writer.ts');

test('SIGKILL during a stream of transactions leaves only whole transactions', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-kill-'));
  const child = spawn(process.execPath, ['--import', 'tsx', writer, root, 'victim', 'forever'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    child.stdout!.on('data', (chunk: Buffer) => {
      const last = chunk.toString().trim().split('\n').pop()!;
      acknowledged = Number(last.split(' ')[1]);
      if (acknowledged >= 40 && !child.killed) child.kill('SIGKILL');
    });
  });
  assert.equal(child.signalCode, 'SIGKILL');

  const db = openDatabase(join(root, '.perflens/history.db'));
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const runs = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
  const orphans = db.prepare("SELECT count(*) AS n FROM runs r WHERE NOT EXISTS (SELECT 1 FROM verdicts v WHERE json_extract(v.change, '$.runId') = r.id)").get() as { n: number };
  const verdicts = (db.prepare('SELECT count(*) AS n FROM verdicts').get() as { n: number }).n;
  const blobs = db.prepare('SELECT count(*) AS n FROM runs WHERE length(samples) != 8 * sample_count').get() as { n: number };
  db.close();
  assert.ok(runs >= acknowledged, `every acknowledged commit survived (${runs} >= ${acknowledged})`);
  assert.equal(verdicts, runs, 'runs and verdicts were committed together');
  assert.equal(orphans.n, 0);
  assert.equal(blobs.n, 0);

  const reopened = openHistory({ workspaceRoot: root });
  assert.ok(reopened.ok);
  assert.equal(reopened.notice, undefined, 'not treated as corrupt');
  reopened.store.close();
});
