// A history DB file that is not a database is moved aside with a message, and a fresh DB takes its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../../server/src/history/open';

test('garbage in history.db: moved to history.db.corrupt-*, fresh DB works, notice says where', () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-corrupt-'));
  mkdirSync(join(root, '.perflens'));
  const garbage = 'this is not SQLite '.repeat(500);
  writeFileSync(join(root, '.perflens/history.db'), garbage);

  const opened = openHistory({ workspaceRoot: root });
  assert.ok(opened.ok, !opened.ok ? opened.error : '');
  assert.match(opened.notice ?? '', /moved to .*history\.db\.corrupt-/);
  const aside = readdirSync(join(root, '.perflens')).filter((f) => f.startsWith('history.db.corrupt-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
  assert.equal(aside.length, 1);
  assert.equal(readFileSync(join(root, '.perflens', aside[0]!), 'utf8'), garbage, 'the old file is kept intact');

  const fn = opened.store.trackFunction('src/a.ts', { qualifiedName: 'f', bodyHash: 'b1' });
  assert.equal(opened.store.listFunctions().length, 1);
  assert.equal(opened.store.getFunction(fn.id)?.qualifiedName, 'f');
  opened.store.close();

  const again = openHistory({ workspaceRoot: root });
  assert.ok(again.ok);
  assert.equal(again.notice, undefined, 'the fresh DB opens cleanly');
  again.store.close();
});

test('a DB truncated in the middle of its pages is also detected and replaced', () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-truncated-'));
  const first = openHistory({ workspaceRoot: root });
  assert.ok(first.ok);
  const fn = first.store.trackFunction('src/a.ts', { qualifiedName: 'f', bodyHash: 'b1' });
  const v = first.store.recordVersion(fn.id, { hash: 'h', bodyHash: 'b1', source: 'x'.repeat(20000) });
  for (let i = 0; i < 20; i++) first.store.recordRun(v.id, { samplesNs: new Array(2000).fill(i) });
  first.store.close();
  const file = join(root, '.perflens/history.db');
  const bytes = readFileSync(file);
  // Keep the header page, scramble the rest: the header says there are pages that are now noise.
  const scrambled = Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0xab)]);
  writeFileSync(file, scrambled);

  const opened = openHistory({ workspaceRoot: root });
  assert.ok(opened.ok, !opened.ok ? opened.error : '');
  assert.match(opened.notice ?? '', /unreadable/);
  assert.equal(opened.store.listFunctions().length, 0);
  opened.store.close();
});
