// A separate process that writes to a history DB, for the concurrency and crash tests.
// Usage: node --import tsx test/support/history-writer.ts <workspaceRoot> <writer> <count|forever>
// Each write is one transaction holding a run and its verdict; "wrote <i>" is printed after each commit.
import { openHistory } from '../../server/src/history/open';

const [root, writer, countArg] = process.argv.slice(2) as [string, string, string];
const opened = openHistory({ workspaceRoot: root });
if (!opened.ok) {
  process.stderr.write(opened.error + '\n');
  process.exit(1);
}
const store = opened.store;
const count = countArg === 'forever' ? Infinity : Number(countArg);
const fn = store.trackFunction(`src/${writer}.ts`, { qualifiedName: 'work', bodyHash: `body-${writer}` });
const version = store.recordVersion(fn.id, { hash: `h-${writer}`, bodyHash: `body-${writer}`, source: 'function work() {}' });
const samples = Array.from({ length: 500 }, (_, i) => 1000 + i);
for (let i = 0; i < count; i++) {
  store.transaction(() => {
    const runId = store.recordRun(version.id, { samplesNs: samples, medianNs: 1250, inputs: { writer, i } });
    store.recordVerdict({
      functionId: fn.id,
      versionId: version.id,
      recommendation: 'ACCEPT',
      score: 90,
      source: 'rules',
      reasoning: `run ${runId} of ${writer}`,
      confidence: 0.9,
      change: { runId },
    });
  });
  process.stdout.write(`wrote ${i + 1}\n`);
}
store.close();
