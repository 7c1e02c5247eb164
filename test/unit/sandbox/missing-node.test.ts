// A perflens.nodePath that does not exist is a clear error naming the setting, not a bare exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { benchFunction } from '../../../server/src/profile';

test('a missing Node executable is a crash result that names perflens.nodePath', async () => {
  const r = await benchFunction({ file: resolve(__dirname, '../../fixtures/growth/timing.ts'), qualifiedName: 'add', nodePath: '/no/such/node', budgetMs: 100 });
  assert.equal(r.status, 'error');
  assert.equal(r.error?.kind, 'crash');
  assert.match(r.error!.message, /\/no\/such\/node/);
  assert.match(r.error!.message, /perflens\.nodePath/);
});
