// `npm run bench:detect`: how often the comparison flags a regression on function pairs with a known
// injected slowdown (identical, +5%, +10%, +25%, 2x), each pair run interleaved by benchVariants at the
// default budget. Targets: false positives on identical pairs <= 1%, detection of +10% >= 95%.
// Trials per pair: PERFLENS_DETECT_TRIALS="identical=100,5%=20,10%=40,25%=20,2x=20" (these are the defaults).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchVariants } from '../server/src/profile/index';
import { classifyTiming } from '../server/src/verdict/classify';
import { formatTable } from '../server/src/cli/table';

/** The workload: a loop whose iteration count sets the cost, so a slowdown can be injected in proportion. */
const source = (iterations: number) => `export function work(n: number): number {
  let x = 0;
  for (let i = 0; i < ${iterations}; i++) x = (x * 31 + i + n) | 0;
  return x;
}
`;
const BASE = 2000;

const pairs = [
  { name: 'identical', factor: 1 },
  { name: '5%', factor: 1.05 },
  { name: '10%', factor: 1.1 },
  { name: '25%', factor: 1.25 },
  { name: '2x', factor: 2 },
];
const trials: Record<string, number> = { identical: 100, '5%': 20, '10%': 40, '25%': 20, '2x': 20 };
for (const part of (process.env.PERFLENS_DETECT_TRIALS ?? '').split(',').filter(Boolean)) {
  const [k, v] = part.split('=');
  if (k && v && k in trials) trials[k] = Number(v);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-detect-'));
  const file = join(dir, 'work.ts');
  writeFileSync(file, source(BASE));
  writeFileSync(join(dir, 'package.json'), '{"name":"detect","private":true}');
  const rows: string[][] = [];
  const outcome: Record<string, { flagged: number; improvements: number; n: number }> = {};
  const started = Date.now();
  try {
    for (const pair of pairs) {
      let flagged = 0;
      let improvements = 0;
      let errors = 0;
      const ratios: number[] = [];
      const samples: number[] = [];
      for (let t = 0; t < trials[pair.name]!; t++) {
        const result = await benchVariants({
          file,
          qualifiedName: 'work',
          // The baseline is spliced in from source like a stored version; the current version is the file's
          // own text for identical pairs, or the slowed-down source.
          variants: [
            { id: 'baseline', replacementText: source(BASE).trim() },
            pair.factor === 1 ? { id: 'current' } : { id: 'current', replacementText: source(Math.round(BASE * pair.factor)).trim() },
          ],
        });
        if (result.status !== 'ok') {
          errors++;
          continue;
        }
        const [base, cur] = result.variants as [typeof result.variants[0], typeof result.variants[0]];
        const change = classifyTiming(base.samplesNs, cur.samplesNs, { seed: t });
        ratios.push(change.ratio);
        samples.push(base.samplesNs.length + cur.samplesNs.length);
        if (change.classification === 'regression') flagged++;
        if (change.classification === 'improvement') improvements++;
      }
      const n = ratios.length;
      outcome[pair.name] = { flagged, improvements, n };
      ratios.sort((a, b) => a - b);
      samples.sort((a, b) => a - b);
      const target = pair.name === 'identical' ? 'FP <= 1%' : pair.name === '10%' ? 'detect >= 95%' : '-';
      rows.push([
        pair.name,
        String(n),
        String(errors),
        `${flagged} (${n ? ((100 * flagged) / n).toFixed(1) : '-'}%)`,
        String(improvements),
        n ? ratios[n >> 1]!.toFixed(3) : '-',
        n ? String(samples[n >> 1]) : '-',
        target,
      ]);
      process.stderr.write(`${pair.name}: ${n} trials done (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ['pair', 'trials', 'errors', 'flagged regression', 'flagged improvement', 'median ratio', 'median samples', 'target'];
  console.log(`bench:detect — default budget, noise threshold 2%, alpha 0.01, node ${process.version}`);
  console.log(formatTable(header, rows));
  const fp = outcome.identical!;
  const det = outcome['10%']!;
  // On identical code any significant change is false, a flagged improvement as much as a regression.
  const falsePositives = fp.flagged + fp.improvements;
  const fpOk = fp.n > 0 && falsePositives / fp.n <= 0.01;
  const detOk = det.n > 0 && det.flagged / det.n >= 0.95;
  console.log(`false positives on identical pairs (flagged either way): ${falsePositives}/${fp.n} (${fp.flagged} regression, ${fp.improvements} improvement) ${fpOk ? 'within' : 'OUTSIDE'} target (<= 1%)`);
  console.log(`detection of a 10% slowdown: ${det.flagged}/${det.n} ${detOk ? 'within' : 'OUTSIDE'} target (>= 95%)`);
  console.log(`total time ${Math.round((Date.now() - started) / 1000)} s`);
  process.exitCode = fpOk && detOk ? 0 : 1;
}

void main();
