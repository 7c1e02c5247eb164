// TypeScript, synchronous: a nested loop, a regex in a loop, a JSON round trip in one branch and an
// allocation in a loop each have their known hot line ranked first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHotLineFirst } from './hot-line-ranks-first';

for (const name of ['pairs', 'countMatches', 'cloneWhenBig']) {
  test(`hot.ts ${name}: the hot line ranks first`, async () => {
    await assertHotLineFirst('hot.ts', name);
  });
}

test('hot.ts buildRows: the allocating line ranks first and carries the allocation', async () => {
  const r = await assertHotLineFirst('hot.ts', 'buildRows');
  // 200 arrays of 64–71 numbers per call: tens of KB; the sampled estimate must be of that order.
  const top = r.lines[0]!;
  assert.ok(top.allocBytesPerCall > 20_000 && top.allocBytesPerCall < 1_000_000, `allocated ${top.allocBytesPerCall} B/call on the hot line`);
});
