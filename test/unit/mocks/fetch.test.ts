// globalThis.fetch is replaced by a recording mock that answers with a JSON Response.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installMocks, uninstallMocks } from '../../../server/src/profile/mocks/install';
import { makeSandbox } from './sandbox-helpers';

const box = makeSandbox();
const realFetch = globalThis.fetch;
after(() => {
  uninstallMocks();
  box.dispose();
});

test('fetch is mocked, recorded under "fetch", and restored on uninstall', async () => {
  const rec = installMocks({ sandboxDir: box.dir });
  assert.notEqual(globalThis.fetch, realFetch);
  const res = await fetch('http://example.invalid/api');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {});
  const text = await (await fetch('http://example.invalid/other')).text();
  assert.equal(text, '{}');
  assert.deepEqual(rec.hits(), [{ module: 'fetch', calls: 2 }]);
  uninstallMocks();
  assert.equal(globalThis.fetch, realFetch);
});
