// Test helper (not a test): benchmarks a fixture function with the profile pass and checks that its
// `// HOT` line is the first of `lines`. Shared by the TS/JS, sync/async test files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { benchFunction, type BenchResult } from '../../../server/src/profile';
import { FIXTURES, markedLine } from './markers';

/** A short budget: the profile pass, not the timing, is under test. */
const BUDGET_MS = 200;

export async function assertHotLineFirst(fixture: string, qualifiedName: string, hotIn: { file: string; fn: string } = { file: fixture, fn: qualifiedName }): Promise<BenchResult> {
  const file = join(FIXTURES, fixture);
  const r = await benchFunction({ file, qualifiedName, budgetMs: BUDGET_MS });
  assert.equal(r.status, 'ok', r.error?.message);
  assert.ok(r.lines.length > 0, `no line costs (warnings: ${r.warnings.join('; ')})`);
  const expected = { file: join(FIXTURES, hotIn.file), line: markedLine(join(FIXTURES, hotIn.file), '// HOT', hotIn.fn) };
  const top = r.lines[0]!;
  const shown = r.lines.slice(0, 3).map((l) => `${l.line} ${l.selfPct}% ${l.text}`).join(' | ');
  assert.deepEqual({ file: top.file, line: top.line }, expected, `hot line not first: ${shown}`);
  // The shares are of one whole: they never add up past 100%.
  const sum = r.lines.reduce((s, l) => s + l.selfPct, 0) + r.callees.reduce((s, c) => s + (c.file ? 0 : c.selfPct), 0);
  assert.ok(sum <= 100.5, `shares add up to ${sum}%`);
  // Its time is a share of the median, rounded to 0.1 ns: at 100% it may round just above the median.
  assert.ok(top.selfNsPerCall > 0 && top.selfNsPerCall <= r.timing!.medianNs + 0.05, `hot line ${top.selfNsPerCall} ns of ${r.timing!.medianNs} ns`);
  return r;
}
