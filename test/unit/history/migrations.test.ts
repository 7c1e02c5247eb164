// Versioned migrations: a DB at an older schema is upgraded in place with its data kept; a failing step
// rolls back whole; a DB from a newer PerfLens is refused, not overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../../../server/src/history/db';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../server/src/history/migrations';
import { openHistory } from '../../../server/src/history/open';

test('a version-1 DB is brought to the latest schema and keeps its rows', () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-migrate-'));
  const file = join(root, 'old.db');
  const old = openDatabase(file);
  migrate(old, MIGRATIONS.slice(0, 1));
  assert.equal(old.pragma('user_version', { simple: true }), 1);
  old.prepare("INSERT INTO functions VALUES ('f1', 'src/a.ts', 'f', 'b', 'then', 'then')").run();
  old.close();

  const opened = openHistory({ workspaceRoot: root, path: file });
  assert.ok(opened.ok);
  assert.equal(opened.store.getFunction('f1')?.file, 'src/a.ts');
  opened.store.llmCachePut('k', 'm', '{"score":1}'); // a table from step 2
  assert.equal(opened.store.llmCacheGet('k'), '{"score":1}');
  assert.equal(opened.store.llmCacheClear(), 1);
  assert.equal(opened.store.llmCacheGet('k'), undefined);
  opened.store.close();
  const db = openDatabase(file, { readonly: true });
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  db.close();
});

test('each step runs once; a failing step leaves the schema at the previous version', () => {
  const db = openDatabase(':memory:');
  const steps = [
    { version: 1, description: 'a', up: (d: SqliteDatabase) => d.exec('CREATE TABLE a (x)') },
    { version: 2, description: 'b', up: (d: SqliteDatabase) => d.exec('CREATE TABLE b (x); CREATE TABLE broken (') },
  ];
  assert.throws(() => migrate(db, steps));
  assert.equal(db.pragma('user_version', { simple: true }), 1);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  assert.deepEqual(tables, ['a'], 'table b of the failed step was rolled back');
  assert.deepEqual(migrate(db, steps.slice(0, 1)), [], 'step 1 is not applied twice');
});

test('a DB with a newer schema is refused with an actionable message and left as it is', () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-newer-'));
  const file = join(root, 'newer.db');
  const db = openDatabase(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  db.close();
  const opened = openHistory({ workspaceRoot: root, path: file });
  assert.equal(opened.ok, false);
  assert.match(!opened.ok ? opened.error : '', /newer than this PerfLens/);
  const again = openDatabase(file, { readonly: true });
  assert.equal(again.pragma('user_version', { simple: true }), SCHEMA_VERSION + 5);
  again.close();
});
