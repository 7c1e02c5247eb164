// V8 block coverage of the function under its inputs (issue 11, rule 6): each input reaches the blocks
// it should, the candidate search keeps an input reaching a rare branch, and the result says which
// lines no timed input ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateFunctions } from '../../../server/src/locate/locate';
import { functionBlocks } from '../../../server/src/profile/coverage';
import { createSandboxDir, prepareBundle, removeSandboxDir } from '../../../server/src/profile/sandbox/prepare';
import { coveragePass, startCoverage } from '../../../server/src/profile/harness/coverage';
import { benchFunction } from '../../../server/src/profile';
import { FIXTURES } from './plan-helpers';

const FILE = join(FIXTURES, 'coverage.ts');

test('each input reaches exactly the blocks of its path', async () => {
  const text = readFileSync(FILE, 'utf8');
  const fn = locateFunctions(FILE, text).functions.find((f) => f.qualifiedName === 'classify')!;
  const blocks = functionBlocks(FILE, text, fn);
  assert.equal(blocks.length, 7, 'body, two ifs, their continuations, two ternary arms');
  const dir = await createSandboxDir();
  try {
    const p = await prepareBundle({ file: FILE, text, qualifiedName: 'classify', bindings: [], sandboxDir: dir });
    assert.ok(p.ok);
    const session = await startCoverage();
    const mod = require(p.bundle.bundlePath) as { __perflens_expose: { fn: () => unknown } };
    const target = { fn: mod.__perflens_expose.fn(), access: p.bundle.access };
    const run = (score: number) => coveragePass(session, { target, candidates: { args: [[score]], receivers: [undefined] }, bundlePath: p.bundle.bundlePath, sourceFile: FILE, blocks, keep: 1 });
    const negative = await run(-5);
    assert.equal(negative.covered, 2);
    assert.deepEqual(negative.unreachedLines, [6, 7, 8, 9]);
    assert.equal((await run(970)).covered, 3);
    assert.equal((await run(4)).covered, 4);
    assert.deepEqual((await run(5)).unreachedLines, [4, 5, 7, 8]);
    session.close();
  } finally {
    await removeSandboxDir(dir);
  }
});

test('benchFunction times the inputs that reach the most blocks and reports the lines never run', async () => {
  const r = await benchFunction({ file: FILE, qualifiedName: 'classify', budgetMs: 100 });
  assert.equal(r.status, 'ok', r.error?.message);
  // Only about 1 in 25 scores is above 960: the rare branch is reached because the search keeps that input.
  // firstLine: where the function started when measured, so the editor can move the lines with it.
  assert.deepEqual(r.coverage, { covered: 6, total: 7, unreachedLines: [4, 5], firstLine: 2 });
});
