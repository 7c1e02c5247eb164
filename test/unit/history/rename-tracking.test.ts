// A function renamed or moved keeps its id, versions and baselines, followed by its body hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../../server/src/history/open';

function store() {
  const opened = openHistory({ workspaceRoot: mkdtempSync(join(tmpdir(), 'perflens-rename-')) });
  assert.ok(opened.ok);
  return opened.store;
}

test('renamed in the same file: same id, old name remembered, baseline follows', () => {
  const s = store();
  const f = s.trackFunction('src/a.ts', { qualifiedName: 'parse', bodyHash: 'B' });
  const v = s.recordVersion(f.id, { hash: 'H1', bodyHash: 'B', source: 'function parse(x) {}' });
  s.setBaselines('main', 'function', [{ functionId: f.id, versionId: v.id }]);

  const renamed = s.trackFunction('src/a.ts', { qualifiedName: 'parseInput', bodyHash: 'B' }, { presentNames: ['parseInput', 'other'] });
  assert.equal(renamed.id, f.id);
  assert.deepEqual(renamed.renamedFrom, { file: 'src/a.ts', qualifiedName: 'parse' });
  assert.equal(s.getBaseline('main', renamed.id)?.version.id, v.id);
  assert.equal(s.findFunction('src/a.ts', 'parse')?.id, f.id, 'the old name still finds it');
  assert.equal(s.listFunctions().length, 1);
  s.close();
});

test('moved to a file while the old name still exists: a copy, so a new history starts', () => {
  const s = store();
  const f = s.trackFunction('src/a.ts', { qualifiedName: 'parse', bodyHash: 'B' });
  const copy = s.trackFunction('src/a.ts', { qualifiedName: 'parse2', bodyHash: 'B' }, { presentNames: ['parse', 'parse2'] });
  assert.notEqual(copy.id, f.id);
  assert.equal(copy.renamedFrom, undefined);
  s.close();
});

test('moved to another file whose old file is gone (default rule): same id', () => {
  const s = store();
  const f = s.trackFunction('src/old-place.ts', { qualifiedName: 'Parser.run', bodyHash: 'B2' });
  const moved = s.trackFunction('src/new-place.ts', { qualifiedName: 'run', bodyHash: 'B2' });
  assert.equal(moved.id, f.id);
  assert.equal(s.getFunction(f.id)?.file, 'src/new-place.ts');
  s.close();
});

test('an edited body at the same name keeps the id and updates the body hash', () => {
  const s = store();
  const f = s.trackFunction('src/a.ts', { qualifiedName: 'parse', bodyHash: 'B' });
  const edited = s.trackFunction('src/a.ts', { qualifiedName: 'parse', bodyHash: 'C' });
  assert.equal(edited.id, f.id);
  assert.equal(s.getFunction(f.id)?.bodyHash, 'C');
  s.close();
});
