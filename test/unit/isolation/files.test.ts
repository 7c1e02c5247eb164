// File attack class: writes through the real fs to a folder outside the sandbox, the workspace and the
// temp dir's parent leave no file behind; the child's environment holds only the allow-list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attack, filesAttack, type Mode } from './attack-kit';
import { NUMBER } from '../sandbox/run-fixture';

for (const mode of ['auto', 'off'] as Mode[]) {
  test(`no file appears outside the temp dir (isolation ${mode})`, async () => {
    const r = await filesAttack(mode);
    assert.deepEqual(r.escaped, []);
    assert.equal(r.rows.length, 3, 'every write was tried');
    assert.ok(r.outcome.ok, 'the function still measures');
  });
}

test('the child gets PATH, LANG, LC_*, TZ, NODE_ENV and the names the user allows, nothing else', async () => {
  process.env.PERFLENS_TEST_ALLOWED = 'visible';
  process.env.PERFLENS_TEST_WITHHELD = 'hidden';
  try {
    const r = await attack('envNames', [NUMBER], 'auto', { env: ['PERFLENS_TEST_ALLOWED'] });
    const names = (r.routes.find((x) => x.route === 'environment names')?.outcome ?? '').split(',');
    assert.ok(names.includes('PATH') && names.includes('PERFLENS_TEST_ALLOWED'), names.join(','));
    assert.ok(!names.includes('PERFLENS_TEST_WITHHELD'));
    for (const n of names) assert.match(n, /^(PATH|LANG|LANGUAGE|TZ|NODE_ENV|LC_\w+|HOME|TMPDIR|PWD|PERFLENS_TEST_ALLOWED)$/, `unexpected variable ${n}`);
  } finally {
    delete process.env.PERFLENS_TEST_ALLOWED;
    delete process.env.PERFLENS_TEST_WITHHELD;
  }
});
