// One percentage per run: the engine's phases each count from 0 again, the percentage shown never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPercent } from '../../../server/src/lsp/present';

test('the run percentage grows through bundle, timing, growth and the comparison, never back to 0', () => {
  const percent = runPercent();
  const seen = [
    { phase: 'bundle' },
    { phase: 'timing', fraction: 0 },
    { phase: 'timing', fraction: 0.5 },
    { phase: 'timing', fraction: 1 },
    { phase: 'growth', fraction: 0 },
    { phase: 'growth', fraction: 1 },
    { phase: 'comparing with baseline "main"' },
    { phase: 'timing', fraction: 0 },
    { phase: 'timing', fraction: 1 },
  ].map(percent);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!, `went back at step ${i}: ${seen.join(', ')}`);
  assert.ok(seen[3]! > 40 && seen[5]! > seen[3]! && seen.at(-1)! > seen[5]!, seen.join(', '));
  assert.ok(seen.at(-1)! < 100, 'only the end of the run is 100%');
});

test('an unknown phase keeps the percentage where it was', () => {
  const percent = runPercent();
  percent({ phase: 'timing', fraction: 0.6 });
  assert.equal(percent({ phase: 'warming up', fraction: 0 }), percent({ phase: 'timing', fraction: 0.6 }));
});
