// Baselines: a label per function, set for a function, a file or the workspace; shown and cleared by scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../../server/src/history/open';

test('labels point at versions, move when set again, and clear per function, file or label', () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-baselines-'));
  const opened = openHistory({ workspaceRoot: root });
  assert.ok(opened.ok);
  const s = opened.store;
  const fa = s.trackFunction(join(root, 'src/a.ts'), { qualifiedName: 'f', bodyHash: 'fa' });
  const ga = s.trackFunction('src/a.ts', { qualifiedName: 'g', bodyHash: 'ga' });
  const hb = s.trackFunction('src/b.ts', { qualifiedName: 'h', bodyHash: 'hb' });
  assert.equal(fa.file, 'src/a.ts', 'absolute paths are stored relative to the workspace');
  const v = (id: string, h: string) => s.recordVersion(id, { hash: h, bodyHash: h, source: `// ${h}` });
  const fa1 = v(fa.id, 'fa1');
  const fa2 = v(fa.id, 'fa2');
  s.setBaselines('main', 'file', [{ functionId: fa.id, versionId: fa1.id }, { functionId: ga.id, versionId: v(ga.id, 'ga1').id }]);
  s.setBaselines('main', 'function', [{ functionId: hb.id, versionId: v(hb.id, 'hb1').id }]);
  s.setBaselines('release-1.2', 'workspace', [{ functionId: fa.id, versionId: fa2.id }]);

  assert.equal(s.getBaseline('main', fa.id)?.version.source, '// fa1');
  assert.equal(s.getBaseline('release-1.2', fa.id)?.version.id, fa2.id);
  assert.deepEqual(s.listBaselines({ label: 'main', file: 'src/a.ts' }).map((b) => b.function.qualifiedName), ['f', 'g']);
  assert.equal(s.listBaselines().length, 4);

  s.setBaselines('main', 'function', [{ functionId: fa.id, versionId: fa2.id }]);
  assert.equal(s.getBaseline('main', fa.id)?.version.id, fa2.id, 'setting again moves the label');
  assert.equal(s.listBaselines({ label: 'main' }).length, 3, 'and does not duplicate it');

  assert.equal(s.clearBaselines('main', { functionId: hb.id }), 1);
  assert.equal(s.clearBaselines('main', { file: 'src/a.ts' }), 2);
  assert.equal(s.listBaselines({ label: 'main' }).length, 0);
  assert.equal(s.listBaselines({ label: 'release-1.2' }).length, 1, 'other labels untouched');
  s.close();
});
