// TypeScript, asynchronous: ticks after an await still land on the function's lines.
import { test } from 'node:test';
import { assertHotLineFirst } from './hot-line-ranks-first';

test('hot.ts pairsLater (async): the hot line after the await ranks first', async () => {
  await assertHotLineFirst('hot.ts', 'pairsLater');
});
