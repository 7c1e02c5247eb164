// Lines of a function the benchmarked one calls in another workspace file are reported, under their
// own file, and the callee is named by its qualified name even where V8 inlined it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertHotLineFirst } from './hot-line-ranks-first';
import { FIXTURES } from './markers';

test('hot.ts scaledSum: the hot line in helpers.ts ranks first and scale is a callee', async () => {
  const r = await assertHotLineFirst('hot.ts', 'scaledSum', { file: 'helpers.ts', fn: 'scale' });
  const scale = r.callees.find((c) => c.name === 'scale');
  assert.ok(scale, `callees: ${JSON.stringify(r.callees)}`);
  assert.equal(scale.file, join(FIXTURES, 'helpers.ts'));
  assert.ok(scale.selfPct > 50, `scale has ${scale.selfPct}%`);
});
