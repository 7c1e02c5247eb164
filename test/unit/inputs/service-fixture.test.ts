// The service fixture (a pg repository, a Redis cache, an Express handler, a CSV parser, a locale
// formatter, a binary search, an LRU cache, an in-place/copy sort pair), with no @perflens tags: every
// function runs, on inputs a caller would pass, and the line marked `// main path` is reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateFunctions } from '../../../server/src/locate/locate';
import { benchFunction } from '../../../server/src/profile';
import { plan } from './plan-helpers';

const ROOT = join(__dirname, '..', '..', 'fixtures', 'service');
const SRC = join(ROOT, 'src');

test('the repository plans rows of its query type and a lookup by id; the handler gets a fluent response and req.params.id', () => {
  const p = plan(join(SRC, 'users.ts'), 'UserRepository.findById', ROOT);
  const row = p.mocks.rows[0];
  assert.equal(row.module, 'pg');
  assert.match(row.sql ?? '', /^select .* where id = \$1$/);
  assert.ok(row.row.kind === 'object' && row.row.fields.map((f) => f.name).join() === 'id,email,name,active,createdAt', JSON.stringify(row.row));
  const h = plan(join(SRC, 'handlers.ts'), 'getUser', ROOT);
  assert.match(h.params[0].example, /params: \{ id: "[0-9a-f-]{36}" \}/);
  assert.match(h.params[1].example, /status: function \(\) \{ return this \}/);
});

test('a Prisma model query plans rows of its model; the mock answers lookups, lists and creates like the client', async () => {
  const p = plan(join(SRC, 'posts.ts'), 'PostRepository.titleOf', ROOT);
  const row = p.mocks.rows.find((r) => r.module === 'prisma');
  assert.ok(row, JSON.stringify(p.mocks.rows));
  assert.equal(row.model, 'post');
  assert.ok(row.row.kind === 'object' && row.row.fields.map((f) => f.name).join() === 'id,title,body,published,authorId,createdAt', JSON.stringify(row.row));
  // The same rows from the mock, in the sandbox: found about half the time, lists of `take` rows.
  const titles = await benchFunction({ file: join(SRC, 'posts.ts'), qualifiedName: 'PostRepository.publishedTitles', budgetMs: 30, workspaceRoot: ROOT, coverage: false, lines: false });
  assert.equal(titles.status, 'ok', titles.error?.message);
  assert.deepEqual(titles.mocks.map((m) => m.module), ['@prisma/client']);
});

test('every function of the fixture runs and reaches its main path', { timeout: 300_000 }, async () => {
  const failures: string[] = [];
  for (const f of readdirSync(SRC).filter((x) => x.endsWith('.ts')).sort()) {
    const file = join(SRC, f);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    for (const fn of locateFunctions(file, text).functions) {
      if (fn.kind === 'constructor') continue;
      // Inputs and coverage are what this checks: the line profile (its own child) is left out.
      const r = await benchFunction({ file, qualifiedName: fn.qualifiedName, budgetMs: 30, workspaceRoot: ROOT, lines: false });
      const name = `${f}#${fn.qualifiedName}`;
      if (r.status !== 'ok') {
        failures.push(`${name}: ${r.error?.kind}: ${r.error?.message}`);
        continue;
      }
      assert.ok(r.coverage, `${name} has coverage`);
      const start = fn.range.start.line;
      const end = fn.range.end.line;
      for (let k = start; k <= end; k++) {
        if (lines[k].includes('// main path') && r.coverage.unreachedLines.includes(k + 1)) failures.push(`${name}: line ${k + 1} (main path) never ran; inputs ${JSON.stringify(r.inputs.params)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('the in-place sort gets fresh inputs per call, the copy-then-sort does not', async () => {
  const file = join(SRC, 'sorting.ts');
  const inPlace = await benchFunction({ file, qualifiedName: 'sortScoresInPlace', budgetMs: 50, workspaceRoot: ROOT, coverage: false, lines: false });
  const copy = await benchFunction({ file, qualifiedName: 'sortScoresCopy', budgetMs: 50, workspaceRoot: ROOT, coverage: false, lines: false });
  assert.equal(inPlace.inputs.inputsCloned, true);
  assert.equal(copy.inputs.inputsCloned, false);
});
