// readSettings: what a client sends is merged over the defaults, and values of the wrong type or an
// unknown enum value fall back to the default instead of reaching the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, readSettings } from '../../../server/src/lsp/settings';

test('missing settings are the defaults', () => {
  assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
});

test('valid values replace defaults field by field', () => {
  const s = readSettings({ benchmark: { budgetMs: 500 }, baseline: { label: 'release-1.2' }, security: { disabledRules: ['no-eval'] } });
  assert.equal(s.benchmark.budgetMs, 500);
  assert.equal(s.benchmark.timeoutMs, DEFAULT_SETTINGS.benchmark.timeoutMs);
  assert.equal(s.baseline.label, 'release-1.2');
  assert.deepEqual(s.security.disabledRules, ['no-eval']);
});

test('wrong types and unknown enum values fall back to the default', () => {
  const s = readSettings({
    benchmark: { budgetMs: '500', heapMb: Number.NaN },
    llm: { enabled: 'yes' },
    security: { objectInjection: 'everything', disabledRules: [1, 2] },
    diagnostics: { rejectSeverity: 'fatal' },
    runOnSave: 1,
  });
  assert.equal(s.benchmark.budgetMs, DEFAULT_SETTINGS.benchmark.budgetMs);
  assert.equal(s.benchmark.heapMb, DEFAULT_SETTINGS.benchmark.heapMb);
  assert.equal(s.llm.enabled, false);
  assert.equal(s.security.objectInjection, 'parameters');
  assert.deepEqual(s.security.disabledRules, []);
  assert.equal(s.diagnostics.rejectSeverity, 'warning');
  assert.equal(s.runOnSave, false);
});
