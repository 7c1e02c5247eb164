// Plain JavaScript (CommonJS), sync and async: the hot line ranks first.
import { test } from 'node:test';
import { assertHotLineFirst } from './hot-line-ranks-first';

for (const name of ['pairs', 'joinAll', 'roundTripLater']) {
  test(`hot.js ${name}: the hot line ranks first`, async () => {
    await assertHotLineFirst('hot.js', name);
  });
}
