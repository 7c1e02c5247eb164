// The never-run lines of a benchmarked function become faded hints on the lines as they are now: moved
// with the function when code above it changed, none when the function itself changed since the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import { benchView } from '../../../server/src/engine/view';
import { locateFunctions } from '../../../server/src/locate/locate';
import { unreachedDiagnostics } from '../../../server/src/lsp/present';
import type { BenchResult } from '../../../server/src/profile';

const SOURCE = ['export function clamp(x: number, lo: number, hi: number) {', '  if (x < lo) {', '    return lo;', '  }', '  return Math.min(x, hi);', '}'].join('\n');

function statusFor(text: string, coverage: BenchResult['coverage'], ok = true) {
  const fn = locateFunctions('/w/clamp.ts', text).functions[0];
  const result = {
    function: 'clamp', status: ok ? 'ok' : 'error', error: ok ? null : { kind: 'throws', message: 'x' },
    inputs: { source: 'synthesized', n: 1, inputsCloned: false, params: [] },
    timing: ok ? { medianNs: 5, meanNs: 5, ci95Ns: [4, 6], cv: 0.01, madNs: 0.1, samples: 50, iterationsPerSample: 1, opsPerSec: 1, mode: 'sync' } : null,
    memory: null, growth: null, mocks: [], warnings: [], coverage, isolation: 'namespaces',
  } as unknown as BenchResult;
  return { fn, status: { qualifiedName: 'clamp', hash: fn.hash, createdAt: '2026-11-30T00:00:00Z', run: benchView(result) } };
}

test('never-run lines are faded hints on those lines', () => {
  const { fn, status } = statusFor(SOURCE, { covered: 2, total: 3, unreachedLines: [3], firstLine: 1 });
  const d = unreachedDiagnostics(fn, { status, stale: false });
  assert.deepEqual(d.map((x) => x.range.start.line), [2]);
  assert.equal(d[0].severity, DiagnosticSeverity.Hint);
  assert.deepEqual(d[0].tags, [DiagnosticTag.Unnecessary]);
  assert.equal(d[0].code, 'perflens.unreached');
});

test('the lines move with the function when lines were added above it', () => {
  const { status } = statusFor(SOURCE, { covered: 2, total: 3, unreachedLines: [3], firstLine: 1 });
  const moved = locateFunctions('/w/clamp.ts', `// a comment\n// and another\n${SOURCE}`).functions[0];
  assert.equal(moved.hash, status.hash, 'same code, new place');
  assert.deepEqual(unreachedDiagnostics(moved, { status, stale: false }).map((x) => x.range.start.line), [4]);
});

test('nothing when the run is stale, failed, or has no coverage', () => {
  const { fn, status } = statusFor(SOURCE, { covered: 2, total: 3, unreachedLines: [3], firstLine: 1 });
  assert.deepEqual(unreachedDiagnostics(fn, { status, stale: true }), []);
  const failed = statusFor(SOURCE, { covered: 2, total: 3, unreachedLines: [3], firstLine: 1 }, false);
  assert.deepEqual(unreachedDiagnostics(failed.fn, { status: failed.status, stale: false }), []);
  const none = statusFor(SOURCE, null);
  assert.deepEqual(unreachedDiagnostics(none.fn, { status: none.status, stale: false }), []);
});
