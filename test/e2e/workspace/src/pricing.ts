// Fixture for the end-to-end tests: a small module whose `total` the suite benchmarks, baselines,
// slows down and benchmarks again.

export interface Line {
  price: number;
  quantity: number;
}

/** Sum of price × quantity over the lines of an order. */
export function total(lines: Line[]): number {
  let sum = 0;
  for (const line of lines) sum += line.price * line.quantity;
  return sum;
}

/** Runs a user formula (deliberately unsafe: the security diagnostic the suite expects). */
export function applyFormula(formula: string): number {
  return eval(formula) as number;
}
