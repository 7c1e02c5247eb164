// The growth sweep inside the child: time the target at n = 1, 2, 4, ... within a budget, predicting
// the cost of the next size so a super-linear function stops before it eats the hard time limit.

import type { GrowthPoint } from '../sandbox/contract';
import type { InputRecipe } from '../inputs/recipe';
import { withOriginals } from './intrinsics';
import { materialize } from '../inputs/materialize';
import type { Target } from './call';
import { calibrate, probe, TargetThrows, takeSample, timedVariant, warmUp, type TimedVariant } from './measure';

/** Settings of one sweep. */
export interface SweepOptions {
  target: Target;
  name: string;
  recipe: InputRecipe;
  bindings: Record<string, unknown>;
  seed: number;
  poolSize: number;
  budgetMs: number;
  maxSize: number;
  onProgress?: (fraction: number) => void;
}

const now = (): number => Number(process.hrtime.bigint());
const SAMPLE_NS = 200_000;
const SAMPLES = 11;

/**
 * Median ns per call at each size. Stops at the budget, at `maxSize`, when every input throws at a
 * size (deep recursion, say), or when the next size is predicted not to fit in what is left.
 */
export async function sweepGrowth(o: SweepOptions): Promise<GrowthPoint[]> {
  const start = now();
  const end = start + o.budgetMs * 1e6;
  const points: GrowthPoint[] = [];
  // One sampler for every size: its optimised code and the target's type feedback carry over, so
  // small sizes are not measured in colder code than large ones.
  let v: TimedVariant | undefined;
  for (let n = 1; n <= o.maxSize; n *= 2) {
    // Fewer inputs at large n: the pool must not dominate the heap.
    const count = Math.max(2, Math.min(o.poolSize, Math.floor(2 ** 20 / n)));
    const pool = withOriginals(() => materialize(o.recipe, { size: n, seed: o.seed, count, bindings: o.bindings }));
    let p;
    try {
      p = await probe(o.target, pool, o.name);
    } catch (e) {
      if (e instanceof TargetThrows) break;
      throw e;
    }
    if (!v) v = timedVariant('growth', o.target, p);
    else {
      v.probe = p;
      v.cursor = 0;
      v.iters = Math.max(1, Math.floor(v.iters / 4));
    }
    await calibrate(v, SAMPLE_NS);
    await warmUp(v, SAMPLE_NS, Math.min(100, o.budgetMs / 20));
    const xs: number[] = [];
    const sizeEnd = now() + (o.budgetMs * 1e6) / 8;
    while (xs.length < SAMPLES && (xs.length < 3 || now() < sizeEnd)) xs.push((await takeSample(v)) / v.iters);
    xs.sort((a, b) => a - b);
    points.push({ n, medianNs: xs[Math.floor(xs.length / 2)] });
    const t = now();
    o.onProgress?.(Math.min(1, (t - start) / (end - start)));
    if (t >= end) break;
    // Predict the next size conservatively: the last ratio squared covers up to exponential growth.
    const last = points[points.length - 1].medianNs;
    const prev = points.length > 1 ? points[points.length - 2].medianNs : last;
    const ratio = Math.max(1, last / Math.max(prev, 1e-3));
    const nextCall = last * ratio * ratio;
    const nextCost = Math.max(nextCall, SAMPLE_NS) * (SAMPLES + 3) + nextCall;
    if (nextCost > end - t) break;
  }
  return points;
}
