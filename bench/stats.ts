// Timing helpers for the benchmark scripts: warm-up, repeated runs, median.

/** Runs `fn` `warmup` times, then `runs` times, and returns the median wall time in ms. */
export async function medianMs(fn: () => unknown, runs = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** `ok` or `OVER` against a target, for the printed table. */
export function verdict(value: number, target: number): string {
  return value <= target ? 'ok' : 'OVER';
}
