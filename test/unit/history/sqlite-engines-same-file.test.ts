// Both engines read and write the same history file: a DB written through better-sqlite3 opens through
// node:sqlite with its rows, samples and baselines, and back. Runs where both load (node:sqlite needs Node 22.13+).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectEngine } from '../../../server/src/history/db';

// Both engines must load in this Node: node:sqlite from Node 22.13, better-sqlite3 when built for this ABI.
const missing = (['node:sqlite', 'better-sqlite3'] as const).filter((name) => !selectEngine({ PERFLENS_SQLITE: name }).ok);
const script = join(__dirname, '../../support/history-engine-roundtrip.ts');

/** Runs one step of the round trip in a child process with the given engine (selection is per process). */
function step(engine: string, action: 'write' | 'read', root: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, action, root], {
    env: { ...process.env, PERFLENS_SQLITE: engine },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `${engine} ${action}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { engine: string; runs: number; samples: number[]; baseline: string | null };
}

test('a DB written with better-sqlite3 reads back with node:sqlite and the other way round', { skip: missing.length ? `${missing.join(' and ')} cannot load in Node ${process.versions.node}` : false }, () => {
  for (const [writer, reader] of [['better-sqlite3', 'node:sqlite'], ['node:sqlite', 'better-sqlite3']]) {
    const root = mkdtempSync(join(tmpdir(), 'perflens-engines-'));
    const written = step(writer!, 'write', root);
    assert.equal(written.engine, writer);
    const read = step(reader!, 'read', root);
    assert.equal(read.engine, reader);
    assert.equal(read.runs, 1);
    assert.deepEqual(read.samples, [1.5, 2.25, 1e9]);
    assert.equal(read.baseline, 'main');
  }
});
