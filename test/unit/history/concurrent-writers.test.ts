// Two processes writing to the same history DB at once lose nothing (WAL + busy timeout + IMMEDIATE transactions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../server/src/history/db';

const writer = join(__dirname, '../../support/history-writer.ts');

function run(root: string, name: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, root, name, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

test('two writer processes each commit 300 transactions; all 600 runs and verdicts are there', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-concurrent-'));
  const codes = await Promise.all([run(root, 'alpha', 300), run(root, 'beta', 300)]);
  assert.deepEqual(codes, [0, 0]);
  const db = openDatabase(join(root, '.perflens/history.db'), { readonly: true });
  const runs = db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number };
  const verdicts = db.prepare('SELECT count(*) AS n FROM verdicts').get() as { n: number };
  const perWriter = db.prepare("SELECT json_extract(inputs, '$.writer') AS w, count(DISTINCT json_extract(inputs, '$.i')) AS n FROM runs GROUP BY w ORDER BY w").all();
  db.close();
  assert.equal(runs.n, 600);
  assert.equal(verdicts.n, 600);
  assert.deepEqual(perWriter, [{ w: 'alpha', n: 300 }, { w: 'beta', n: 300 }]);
});
