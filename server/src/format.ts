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

/** `[3, 4, 5, 9]` → `3–5, 9`. */
export function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    let end = k;
    while (end + 1 < lines.length && lines[end + 1] === lines[end] + 1) end++;
    out.push(end > k ? `${lines[k]}–${lines[end]}` : String(lines[k]));
    k = end;
  }
  return out.join(', ');
}

/** "inputs reach 9 of 11 blocks · never ran: lines 12–14": how much of a function its timed inputs ran. */
export function coverageText(c: { covered: number; total: number; unreachedLines: number[] }): string {
  const n = c.unreachedLines.length;
  return `inputs reach ${c.covered} of ${c.total} blocks${n ? ` · never ran: line${n > 1 ? 's' : ''} ${lineRanges(c.unreachedLines)}` : ''}`;
}
