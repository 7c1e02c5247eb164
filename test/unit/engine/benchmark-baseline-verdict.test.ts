// The editor's flow through the engine: benchmark (recorded), set a baseline, make a slower edit,
// benchmark again (compared interleaved, judged, recorded), and read it all back from a real DB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../server/src/engine';

const fast = `export function total(xs: number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}
`;
// The same result, with the loop run ten times over: a clear, unexplained regression.
const slow = `export function total(xs: number[]): number {
  let t = 0;
  for (let k = 0; k < 10; k++) { t = 0; for (const x of xs) t += x; }
  return t;
}
`;

test('benchmark, baseline, slower edit: the verdict is not ACCEPT and the history has both versions', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-engine-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), '{"name":"ws","private":true}');
  const file = join(root, 'sum.ts');
  writeFileSync(file, fast);
  const engine = new Engine({ workspaceRoot: root });
  t.after(() => engine.dispose());
  const settings = { budgetMs: 300, growth: false };

  const first = await engine.benchmark(file, fast, 'total', settings);
  assert.equal(first.result.status, 'ok', first.result.error?.message);
  assert.equal(first.verdict, undefined, 'no baseline yet: no verdict');
  assert.ok(existsSync(join(root, '.perflens', 'history.db')));

  const set = await engine.setBaseline({ file, qualifiedName: 'total' }, 'main');
  assert.equal(set.count, 1);

  writeFileSync(file, slow);
  const second = await engine.benchmark(file, slow, 'total', settings);
  assert.equal(second.result.status, 'ok', second.result.error?.message);
  assert.ok(second.change, second.notice);
  assert.equal(second.change.classification, 'regression', JSON.stringify(second.change));
  assert.ok(second.change.ratio > 2, `ratio ${second.change.ratio}`);
  assert.equal(second.change.baselineLabel, 'main');
  assert.ok(second.verdict && second.verdict.recommendation !== 'ACCEPT', JSON.stringify(second.verdict));
  assert.equal(second.verdict.source, 'rules');

  // What lenses and hovers read after a restart comes from the DB.
  const reopened = new Engine({ workspaceRoot: root });
  t.after(() => reopened.dispose());
  const [status] = reopened.status(file);
  assert.equal(status?.qualifiedName, 'total');
  assert.equal(status?.verdict?.recommendation, second.verdict.recommendation);
  assert.equal(status?.change?.baselineLabel, 'main');
  const view = reopened.history(file, 'total');
  assert.equal(view?.versions.length, 2);
  assert.deepEqual(view?.versions[0]?.baselines, ['main']);

  await reopened.acceptRegression(file, 'total', 'the loop is needed for the new audit');
  assert.equal(reopened.status(file)[0]?.verdict?.recommendation, 'ACCEPT');
  assert.match(reopened.status(file)[0]!.verdict!.reasoning, /audit/);
});
