// The store's SQLite engine: better-sqlite3 when its binary loads into this Node, else node:sqlite, else
// one message saying what to do; PERFLENS_SQLITE forces one. Loaders are replaced to simulate each Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectEngine, shippedBindingName, sqliteCodeName, type EngineLoaders } from '../../../server/src/history/db';

const abiMismatch = () => {
  throw new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.\nThis version requires 137.');
};
const noBuiltin = () => {
  throw Object.assign(new Error('No such built-in module: node:sqlite'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
};
const fakeNodeSqlite = { DatabaseSync: class { prepare() { return {}; } exec() {} close() {} } };
/** better-sqlite3's JS loads, but constructing a DB loads the native binary, which fails. */
const betterWithWrongBinary = () => class { constructor() { abiMismatch(); } };

const loaders = (over: Partial<EngineLoaders>): EngineLoaders => ({
  betterSqlite3: over.betterSqlite3 ?? (betterWithWrongBinary as unknown as EngineLoaders['betterSqlite3']),
  nodeSqlite: over.nodeSqlite ?? (() => fakeNodeSqlite as unknown as ReturnType<EngineLoaders['nodeSqlite']>),
  shippedBinding: over.shippedBinding ?? (() => undefined),
});

test('a better-sqlite3 binary for another Node ABI falls back to node:sqlite and says why', () => {
  const engine = selectEngine({}, loaders({}));
  assert.ok(engine.ok);
  assert.equal(engine.name, 'node:sqlite');
  assert.match(engine.note ?? '', /better-sqlite3 is unavailable \(The module was compiled against a different Node.js version/);
});

test('without either engine the error names the Node version and what to do', () => {
  const engine = selectEngine({}, loaders({ nodeSqlite: noBuiltin }));
  assert.equal(engine.ok, false);
  const error = engine.ok ? '' : engine.error;
  assert.match(error, new RegExp(`Node ${process.versions.node.replace(/\./g, '\\.')}`));
  assert.match(error, /Node 22\.13 or newer/);
  assert.match(error, /npm rebuild better-sqlite3/);
  assert.ok(!error.includes('\n'), 'one line');
});

test('a working better-sqlite3 wins, with the shipped binary for this ABI passed as nativeBinding', () => {
  const seen: unknown[] = [];
  const Fake = class {
    constructor(_file: string, options: unknown) {
      seen.push(options);
    }
    close() {}
  };
  const engine = selectEngine({}, loaders({ betterSqlite3: () => Fake as never, shippedBinding: () => '/x/native/b.node' }));
  assert.ok(engine.ok);
  assert.equal(engine.name, 'better-sqlite3');
  engine.open('/tmp/h.db', { readonly: true });
  assert.deepEqual(seen, [{ nativeBinding: '/x/native/b.node' }, { nativeBinding: '/x/native/b.node', readonly: true }]);
});

test('PERFLENS_SQLITE forces an engine, and an unknown value is refused', () => {
  const forced = selectEngine({ PERFLENS_SQLITE: 'node:sqlite' }, loaders({ betterSqlite3: () => { throw new Error('must not load'); } }));
  assert.ok(forced.ok && forced.name === 'node:sqlite' && forced.note === undefined);
  const better = selectEngine({ PERFLENS_SQLITE: 'better-sqlite3' }, loaders({}));
  assert.equal(better.ok, false, 'no silent fallback when better-sqlite3 is forced');
  const bad = selectEngine({ PERFLENS_SQLITE: 'mysql' }, loaders({}));
  assert.match(bad.ok ? '' : bad.error, /not an engine/);
});

test('shipped binaries are named per ABI, platform and arch; result codes are named as better-sqlite3 does', () => {
  assert.equal(shippedBindingName('115', 'linux', 'x64'), 'better_sqlite3-node115-linux-x64.node');
  assert.equal(sqliteCodeName(26), 'SQLITE_NOTADB');
  assert.equal(sqliteCodeName(11), 'SQLITE_CORRUPT');
  assert.equal(sqliteCodeName(522), 'SQLITE_IOERR_SHORT_READ');
  assert.equal(sqliteCodeName(5 | (2 << 8)), 'SQLITE_BUSY');
});
