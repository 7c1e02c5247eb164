// The profile pass's cost and accuracy, in one run: the extra wall time it adds to a trivial function
// (target ≤ 1 s), the ratio of the timed median with and without it (target within 2%: the pass runs
// after timing, so only its start-up flags could move the median), and the share of fixture functions
// whose known `// HOT` line ranks first (target 100%). Prints a table.
// Run: npm run bench:profile   (builds nothing itself: run `npm run build` first)
import { join, resolve } from 'node:path';
import { benchFunction } from '../server/src/profile';
import { describe } from '../server/src/stats/descriptive';
import { formatTable } from '../server/src/cli/table';
import { markedLine } from '../test/unit/lines/markers';

const TIMING = resolve(__dirname, '../test/fixtures/growth/timing.ts');
const LINES = resolve(__dirname, '../test/fixtures/lines');
const REPEATS = 6;

/** Fixture functions with a marked hot line: [file, function, file of the hot line, its function]. */
const HOT: Array<[string, string, string, string]> = [
  ['hot.ts', 'pairs', 'hot.ts', 'pairs'],
  ['hot.ts', 'countMatches', 'hot.ts', 'countMatches'],
  ['hot.ts', 'cloneWhenBig', 'hot.ts', 'cloneWhenBig'],
  ['hot.ts', 'buildRows', 'hot.ts', 'buildRows'],
  ['hot.ts', 'pairsLater', 'hot.ts', 'pairsLater'],
  ['hot.ts', 'scaledSum', 'helpers.ts', 'scale'],
  ['hot.js', 'pairs', 'hot.js', 'pairs'],
  ['hot.js', 'joinAll', 'hot.js', 'joinAll'],
  ['hot.js', 'roundTripLater', 'hot.js', 'roundTripLater'],
];

/** One run: wall time, the profile phase's share of it, and the timed median. */
async function run(file: string, qualifiedName: string, lines: boolean): Promise<{ wallMs: number; profileMs: number; medianNs: number }> {
  const t0 = performance.now();
  let profileStart: number | undefined;
  const r = await benchFunction({ file, qualifiedName, budgetMs: 500, lines, onProgress: (p) => (p.phase === 'lines' ? (profileStart ??= performance.now()) : undefined) });
  const end = performance.now();
  if (r.status !== 'ok') throw new Error(`${qualifiedName}: ${r.error?.message}`);
  return { wallMs: end - t0, profileMs: profileStart === undefined ? 0 : end - profileStart, medianNs: r.timing!.medianNs };
}

async function main(): Promise<void> {
  // Alternating on and off, so drift in machine load hits both alike.
  const overhead: Record<'on' | 'off', { wall: number[]; profile: number[] }> = { on: { wall: [], profile: [] }, off: { wall: [], profile: [] } };
  const stable: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let i = 0; i < REPEATS; i++) {
    for (const mode of i % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      const trivial = await run(TIMING, 'add', mode === 'on');
      overhead[mode].wall.push(trivial.wallMs);
      overhead[mode].profile.push(trivial.profileMs);
      stable[mode].push((await run(TIMING, 'reduceSum', mode === 'on')).medianNs);
    }
  }
  const med = (xs: number[]): number => describe(xs).median;
  const extraS = (med(overhead.on.wall) - med(overhead.off.wall)) / 1000;
  const phaseS = med(overhead.on.profile) / 1000;
  const ratio = med(stable.on) / med(stable.off);

  let first = 0;
  const misses: string[] = [];
  for (const [fixture, fn, hotFile, hotFn] of HOT) {
    const r = await benchFunction({ file: join(LINES, fixture), qualifiedName: fn, budgetMs: 300 });
    const want = { file: join(LINES, hotFile), line: markedLine(join(LINES, hotFile), '// HOT', hotFn) };
    const top = r.lines[0];
    if (top && top.file === want.file && top.line === want.line) first++;
    else misses.push(`${fixture} ${fn}: expected line ${want.line}, got ${top ? `${top.line} (${top.selfPct}%)` : 'no lines'}`);
  }
  const share = first / HOT.length;

  console.log(
    formatTable(
      ['figure', 'measured', 'target', 'met'],
      [
        ['extra wall time, trivial function (median of 6, lines on − off)', `${extraS.toFixed(2)} s`, '≤ 1 s', extraS <= 1 ? 'yes' : 'no'],
        ['  of which the profile phase itself', `${phaseS.toFixed(2)} s`, '', ''],
        ['timed median with / without the profile pass (reduceSum, median of 6)', ratio.toFixed(3), '1 ± 0.02', Math.abs(ratio - 1) <= 0.02 ? 'yes' : 'no'],
        ['fixtures whose hot line ranks first', `${first}/${HOT.length} (${(share * 100).toFixed(0)}%)`, '100%', share === 1 ? 'yes' : 'no'],
      ],
    ),
  );
  console.log('');
  console.log(`reduceSum medians (ns/call), on: ${stable.on.map((x) => x.toFixed(0)).join(' ')}; off: ${stable.off.map((x) => x.toFixed(0)).join(' ')}`);
  for (const m of misses) console.log(`miss: ${m}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
