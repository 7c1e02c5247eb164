// historyView returns the protocol's HistoryView: versions oldest first with latest run, analysis, baselines
// and verdict; raw samples round-trip through their Float64 blob.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../../server/src/history/open';
import { historyView } from '../../../server/src/history/queries';

test('two versions, runs, an analysis, a baseline and a verdict appear in the view', () => {
  const opened = openHistory({ workspaceRoot: mkdtempSync(join(tmpdir(), 'perflens-view-')) });
  assert.ok(opened.ok);
  const s = opened.store;
  const f = s.trackFunction('src/a.ts', { qualifiedName: 'Parser.run', bodyHash: 'b' });
  const v1 = s.recordVersion(f.id, { hash: 'h1', bodyHash: 'b', source: 'v1', git: { commit: 'abc1234', branch: 'main', author: 'Ann' } });
  const v2 = s.recordVersion(f.id, { hash: 'h2', bodyHash: 'b', source: 'v2' });
  assert.equal(s.recordVersion(f.id, { hash: 'h1', bodyHash: 'b', source: 'v1' }).firstSeen, v1.firstSeen, 'recording again keeps first-seen');
  const samples = [1.5, 2.25, 1e9, 3];
  const runId = s.recordRun(v1.id, { samplesNs: samples, medianNs: 2, ci95Ns: [1.5, 3], cv: 0.1, allocatedBytesPerCall: 48, growthOrder: 'O(n)' });
  s.recordRun(v2.id, { samplesNs: [5], medianNs: 5 });
  s.recordAnalysis(v2.id, { cyclomatic: 4, cognitive: 6 });
  s.setBaselines('main', 'function', [{ functionId: f.id, versionId: v1.id }]);
  s.recordVerdict({ functionId: f.id, versionId: v2.id, baselineVersionId: v1.id, recommendation: 'REVIEW', score: 55, source: 'rules', reasoning: 'r', confidence: 0.6 });

  const view = historyView(s, f.id)!;
  assert.equal(view.qualifiedName, 'Parser.run');
  assert.deepEqual(view.versions.map((v) => v.id), [v1.id, v2.id]);
  const [a, b] = view.versions as [typeof view.versions[0], typeof view.versions[0]];
  assert.equal(a.commit, 'abc1234');
  assert.deepEqual(a.ci95Ns, [1.5, 3]);
  assert.equal(a.growthOrder, 'O(n)');
  assert.deepEqual(a.baselines, ['main']);
  assert.equal(a.verdict, undefined);
  assert.equal(b.cyclomatic, 4);
  assert.equal(b.verdict?.recommendation, 'REVIEW');
  assert.equal(b.verdict?.source, 'rules');
  assert.deepEqual(Array.from(s.listRuns(v1.id)[0]!.samplesNs), samples);
  assert.equal(s.listRuns(v1.id)[0]!.id, runId);
  assert.equal(typeof s.listRuns(v1.id)[0]!.environment?.node, 'string', 'the environment is captured by default');
  assert.equal(historyView(s, 'missing'), undefined);
  s.close();
});
