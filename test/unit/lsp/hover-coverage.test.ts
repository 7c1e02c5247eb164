// The hover says how many of the function's blocks the timed inputs reached, and which lines never ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverFor } from '../../../server/src/lsp/present';
import { benchView } from '../../../server/src/engine/view';
import { locateFunctions } from '../../../server/src/locate/locate';
import type { BenchResult } from '../../../server/src/profile';

test('a run with coverage shows "inputs reach 9 of 11 blocks" and the lines never run', () => {
  const fn = locateFunctions('/x.ts', 'export function f(a: number) { return a; }').functions[0];
  const result = {
    function: 'f', status: 'ok', error: null,
    inputs: { source: 'synthesized', n: 100, inputsCloned: false, params: [] },
    timing: { medianNs: 12, meanNs: 12, ci95Ns: [11, 13], cv: 0.01, samples: 100, iterationsPerSample: 10, p75Ns: 12, p99Ns: 14, opsPerSec: 1, mode: 'sync' },
    memory: null, growth: null, mocks: [], warnings: [],
    coverage: { covered: 9, total: 11, unreachedLines: [12, 13, 14, 20] },
  } as unknown as BenchResult;
  // The coverage block rides along in the run's view (view.detail) without the view restating it.
  const status = { qualifiedName: 'f', hash: fn.hash, createdAt: '2026-11-30T00:00:00Z', run: benchView(result) };
  const commands = { benchmark: 'b', setBaseline: 's', showHistory: 'h', toggleUnreachedLines: 'perflens.toggleUnreachedLines' };
  const md = (hoverFor(fn, { status, stale: false }, undefined, { uri: 'file:///x.ts', qualifiedName: 'f' }, true, commands).contents as { value: string }).value;
  assert.match(md, /inputs reach 9 of 11 blocks · never ran: lines 12–14, 20/);
  assert.match(md, /\[show them in the editor\]\(command:perflens\.toggleUnreachedLines\?/);
  // Measured before the latest edit: the lines may no longer be those lines, so no offer.
  const stale = (hoverFor(fn, { status, stale: true }, undefined, { uri: 'file:///x.ts', qualifiedName: 'f' }, true, commands).contents as { value: string }).value;
  assert.doesNotMatch(stale, /show them in the editor/);
});
