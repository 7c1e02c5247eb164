// A Node path that does not exist is a clear error saying what to point at, not a bare exit code. The engine names
// no setting or flag: each surface adds its own (present.ts: perflens.nodePath; the CLI: --node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { benchFunction } from '../../../server/src/profile';

test('a missing Node executable is a crash result that says what to point at', async () => {
  const r = await benchFunction({ file: resolve(__dirname, '../../fixtures/growth/timing.ts'), qualifiedName: 'add', nodePath: '/no/such/node', budgetMs: 100 });
  assert.equal(r.status, 'error');
  assert.equal(r.error?.kind, 'crash');
  assert.match(r.error!.message, /\/no\/such\/node/);
  assert.match(r.error!.message, /Node 20\+ executable/);
  assert.doesNotMatch(r.error!.message, /perflens\./);
});
