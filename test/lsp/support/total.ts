// The protocol tests' benchmarked function, `total`, and its slower edit: the loop on line 3 doing 300
// times the work per element (a clear REJECT against `total` as the baseline).
export const TOTAL = `export function total(xs: number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum;
}
`;
/** The loop of line 3 the slower edit puts in place of `  for (const x of xs) sum += x;`. */
export const SLOW_LOOP = '  for (const x of xs) for (let k = 0; k < 300; k++) sum += x / 300;';
export const SLOW_TOTAL = TOTAL.replace('  for (const x of xs) sum += x;', SLOW_LOOP);
