// A function's imports work in the sandbox: CommonJS packages load from the workspace, ES-module-only
// packages are bundled, workspace files run for real, and fs calls reach the recording mock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { runFixture } from './run-fixture';

test('imports resolve and fs calls are recorded by the mock', async () => {
  const run = await runFixture(resolve(__dirname, '../../fixtures/hostile/imports.ts'), 'useDeps');
  assert.equal(run.outcome.ok, true, run.outcome.ok ? '' : run.outcome.error.message);
  if (!run.outcome.ok) return;
  const fs = run.outcome.result.mocks.find((m) => m.module === 'fs');
  assert.ok(fs && fs.calls > 0, JSON.stringify(run.outcome.result.mocks));
  assert.ok(run.outcome.result.variants[0].samplesNs.length >= 5);
});
