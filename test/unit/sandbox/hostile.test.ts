// Every hostile function ends as its typed error, within the time limit plus a slack, and nothing is
// written outside the sandbox directory. The slack is at least 2 s and grows with what starting a child
// costs on this machine right now (measured once with a function that returns at once): a busy two-core
// machine can take seconds just to start Node, and that must not read as a sandbox that failed to kill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runFixture } from './run-fixture';

const FILE = resolve(__dirname, '../../fixtures/hostile/hostile.ts');
/** The limit of the case that must end as a timeout; the others get OTHER_LIMIT_MS so that on a busy
 * machine they still reach their own end (out of memory, a crash) before the clock does. */
const LIMIT_MS = 3000;
const OTHER_LIMIT_MS = 60_000;

let slack: Promise<number> | undefined;
/** Milliseconds allowed beyond the limit: 2 s, or four times a trivial run's wall time if that is more. */
function slackMs(): Promise<number> {
  slack ??= runFixture(FILE, 'quit', { spawn: { timeoutMs: 60_000 } }).then((r) => Math.max(2000, 4 * r.elapsedMs));
  return slack;
}

const cases: Array<[string, string, RegExp]> = [
  ['spin', 'timeout', /did not finish within 3 s/],
  ['hog', 'oom', /out of memory/],
  ['quit', 'crash', /process\.exit\(3\)/],
  ['timeBomb', 'crash', /uncaught exception.*boom from a timer/],
  ['dangling', 'crash', /unhandled promise rejection.*nobody catches me/],
  ['recurse', 'crash', /call stack/],
  ['alwaysThrows', 'throws', /threw for every one of \d+ inputs.*TypeError: cannot handle number/],
  ['gigantic', 'oom', /out of memory/],
];

const escapeDir = mkdtempSync(join(tmpdir(), 'perflens-escape-test-'));
process.env.PERFLENS_TEST_ESCAPE_DIR = escapeDir;
const fixtureDir = resolve(__dirname, '../../fixtures/hostile');
const before = readdirSync(fixtureDir).sort();

for (const [name, kind, message] of cases) {
  test(`${name} ends as ${kind} within the limit + a machine-scaled slack`, async () => {
    const limit = kind === 'timeout' ? LIMIT_MS : OTHER_LIMIT_MS;
    const run = await runFixture(FILE, name, { spawn: { timeoutMs: limit, heapMb: 64 } });
    assert.equal(run.outcome.ok, false, `expected an error for ${name}`);
    if (run.outcome.ok) return;
    assert.equal(run.outcome.error.kind, kind, run.outcome.error.message);
    assert.match(run.outcome.error.message, message);
    const allowed = limit + (await slackMs());
    assert.ok(run.elapsedMs < allowed, `took ${run.elapsedMs} ms, allowed ${allowed} ms`);
  });
}

test('a function writing files leaves nothing outside its sandbox, and the sandbox is removed', async () => {
  const run = await runFixture(FILE, 'scribble', { spawn: { timeoutMs: LIMIT_MS } });
  assert.deepEqual(readdirSync(escapeDir), []);
  assert.deepEqual(
    readdirSync(tmpdir()).filter((f) => f.startsWith('perflens-escape-') && !f.startsWith('perflens-escape-test-')),
    [],
  );
  assert.deepEqual(readdirSync(fixtureDir).sort(), before);
  assert.throws(() => readdirSync(run.sandboxDir), /ENOENT/);
  rmSync(escapeDir, { recursive: true, force: true });
});
