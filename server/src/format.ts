// Human-readable figures shared by the CLI's output and the editor's lenses and hovers.

/** ns in the largest unit that keeps the number ≥ 1, three significant digits: 12.3 ns, 1.84 µs, 7.89 ms, 1.23 s. */
export function formatNs(ns: number): string {
  const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (ns < 1e3) return `${fmt(ns)} ns`;
  if (ns < 1e6) return `${fmt(ns / 1e3)} µs`;
  if (ns < 1e9) return `${fmt(ns / 1e6)} ms`;
  return `${fmt(ns / 1e9)} s`;
}

/** Bytes as B, KB or MB (1024-based, one decimal). */
export function formatBytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(1)} KB`;
  return `${(b / 1024 / 1024).toFixed(1)} MB`;
}
