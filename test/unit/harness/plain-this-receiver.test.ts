// A plain function that reads `this` is called with the receiver its input plan infers, not `undefined`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { benchFunction } from '../../../server/src/profile';

test('a plain function reading this.items runs with a synthesized receiver', async () => {
  const r = await benchFunction({ file: resolve(__dirname, '../../fixtures/receiver/this-functions.js'), qualifiedName: 'total', budgetMs: 150 });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.ok(r.timing && r.timing.medianNs > 0);
});
