// Secrets attack class: a function reads canary files, /proc/<parent>/environ, ~/.ssh and its own
// environment, then carries the loot out by throwing, logging, dropped-input warnings and a crash's
// stderr tail. No canary may appear in any result, error or log line, with or without the namespaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretsAttack, type Mode } from './attack-kit';

for (const mode of ['auto', 'off'] as Mode[]) {
  test(`no canary file or environment value reaches any output (isolation ${mode})`, async () => {
    const r = await secretsAttack(mode);
    assert.deepEqual(r.leaked, []);
    assert.ok(r.rows.length >= 10, 'every read was tried');
    assert.ok(r.rows.filter((x) => x.route.includes('(real fs)')).every((x) => x.outcome.startsWith('blocked')), 'real reads outside the workspace are refused');
    const [run, crash] = r.outcomes;
    assert.equal(run.ok, true, 'even inputs measure: the loot went through the warnings channel');
    if (run.ok) assert.ok(run.result.warnings.some((w) => /loot/.test(w)), 'the dropped-input warning carried the (redacted) loot');
    assert.equal(crash.ok, false);
    if (!crash.ok) assert.equal(crash.error.kind, 'crash');
  });
}
