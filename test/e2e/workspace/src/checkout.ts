// Fixture for the end-to-end tests: a function whose benchmark fails (it throws on every input), so the
// suite can check the failure lens and its hover, and take a screenshot of both.

/** Refuses every order: the benchmark of it fails, and the lens says how. */
export function validateOrder(items: string[]): number {
  if (items.length >= 0) throw new Error('validateOrder: this fixture refuses every order on purpose');
  return items.length;
}
