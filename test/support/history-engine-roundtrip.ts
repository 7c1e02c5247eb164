// One half of the engine round trip (test/unit/history/sqlite-engines-same-file.test.ts), in its own process
// because the SQLite engine is chosen once per process (PERFLENS_SQLITE).
// Usage: node --import tsx test/support/history-engine-roundtrip.ts write|read <workspaceRoot>
import { sqliteEngineName } from '../../server/src/history/db';
import { openHistory } from '../../server/src/history/open';

const [action, root] = process.argv.slice(2) as ['write' | 'read', string];
const opened = openHistory({ workspaceRoot: root });
if (!opened.ok) {
  process.stderr.write(opened.error + '\n');
  process.exit(1);
}
const store = opened.store;
if (action === 'write') {
  const fn = store.trackFunction('src/a.ts', { qualifiedName: 'work', bodyHash: 'body' });
  const version = store.recordVersion(fn.id, { hash: 'h1', bodyHash: 'body', source: 'function work() {}' });
  store.transaction(() => store.recordRun(version.id, { samplesNs: [1.5, 2.25, 1e9], medianNs: 2.25 }));
  store.setBaselines('main', 'function', [{ functionId: fn.id, versionId: version.id }]);
}
const fn = store.findFunction('src/a.ts', 'work')!;
const version = store.listVersions(fn.id)[0]!;
const runs = store.listRuns(version.id);
process.stdout.write(
  JSON.stringify({
    engine: sqliteEngineName(),
    runs: runs.length,
    samples: Array.from(runs[0]?.samplesNs ?? []),
    baseline: store.getBaseline('main', fn.id)?.label ?? null,
  }),
);
store.close();
