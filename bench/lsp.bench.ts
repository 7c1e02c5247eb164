// `npm run bench:lsp`: the language server over stdio, as an editor sees it, on a 5,000-line file:
// lenses right after an edit (target ≤ 50 ms), hover (≤ 20 ms), and the worst wait of a didChange burst
// while analysis runs (typing never waits on analysis). Prints figures; asserts nothing (noisy machines).
import { startLsp } from '../test/lsp/support/client';
import { generateSource } from './generate';
import { verdict } from './stats';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const ms = async (f: () => Promise<unknown>) => {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

async function main() {
  const text = generateSource(5000);
  const lines = text.split('\n');
  // The server's real debounce (300 ms), not the short one the protocol tests use.
  const lsp = await startLsp({ env: { PERFLENS_ANALYSIS_DELAY_MS: '300' } });
  try {
    const uri = await lsp.open('big.ts', text);
    await lsp.diagnostics(uri, () => true, 120_000); // first analysis done
    let version = 1;
    const typeAt = async (line: number, ch: string) => {
      await lsp.change(uri, ++version, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ch }]);
    };

    // Lenses after an edit: each request sees a new version, so the file is parsed again.
    const lensTimes: number[] = [];
    let lensCount = 0;
    for (let i = 0; i < 20; i++) {
      await typeAt(lines.length - 1, ' ');
      lensTimes.push(await ms(async () => (lensCount = (await lsp.codeLenses(uri)).length)));
    }

    // Hover on function names of the same version (what moving the mouse does).
    const names = lines.flatMap((l, i) => {
      const m = /function (\w+)/.exec(l);
      return m ? [{ line: i, character: m.index + 9 }] : [];
    });
    const hoverTimes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const at = names[(i * 7) % names.length]!;
      hoverTimes.push(await ms(() => lsp.hover(uri, at.line, at.character)));
    }

    // Typing bursts with pauses longer than the debounce, so analyses start in the middle of typing.
    // Each keystroke is followed by a request the server has no handler for: its answer comes as soon
    // as the server reads it, so its round trip is how long that keystroke waited in the queue.
    const waits: number[] = [];
    for (let burst = 0; burst < 6; burst++) {
      for (let k = 0; k < 15; k++) {
        await typeAt(lines.length - 1, 'x');
        waits.push(await ms(() => lsp.connection.sendRequest('perflens/ping').catch(() => undefined)));
        await new Promise((r) => setTimeout(r, 30));
      }
      await new Promise((r) => setTimeout(r, 400));
    }

    const lensMed = percentile(lensTimes, 0.5);
    const hoverMed = percentile(hoverTimes, 0.5);
    const worst = Math.max(...waits);
    const rows = [
      ['lenses after an edit', `${lines.length} lines, ${lensCount} lenses, median of 20`, lensMed.toFixed(1), '50', verdict(lensMed, 50)],
      ['lenses after an edit', 'p95', percentile(lensTimes, 0.95).toFixed(1), '', ''],
      ['hover', `median of ${hoverTimes.length}`, hoverMed.toFixed(1), '20', verdict(hoverMed, 20)],
      ['didChange wait', `worst of ${waits.length} keystrokes, analysis running`, worst.toFixed(1), '', ''],
      ['didChange wait', 'p95', percentile(waits, 0.95).toFixed(1), '', ''],
    ];
    console.log('bench:lsp (times in ms)');
    for (const r of rows) console.log(`  ${r[0].padEnd(22)} ${r[1].padEnd(46)} ${r[2].padStart(8)}  ${r[3] ? `target ≤ ${r[3]}` : ''} ${r[4]}`);
  } finally {
    await lsp.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
