// How long the history panel takes to show 1,000 versions in headless Chromium: from the host's message
// arriving to the frame being painted (validation, chart of all 1,000, legend, details, the table's first
// page of 100 rows, style, layout, paint).
// Budget: 200 ms. Usage: npm run bench:panel (needs `npm run build` and Debian's chromium).
import { availableParallelism, loadavg } from 'node:os';
import { generatedHistory } from '../test/fixtures/history/index';
import { historyMessage, openPanel } from '../test/panel/harness';

const VERSIONS = 1000;
const WARMUP = 3;
const RUNS = 15;
const BUDGET_MS = 200;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main(): Promise<void> {
  const panel = await openPanel({ viewport: { width: 1200, height: 900 } });
  try {
    // Two different histories alternate, so every run replaces the whole chart and table.
    const messages = [historyMessage(generatedHistory(VERSIONS, 1)), historyMessage(generatedHistory(VERSIONS, 2))];
    const endToEnd: number[] = [];
    const script: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const r = await panel.page.evaluate(async (m) => {
        const before = performance.getEntriesByName('perflens:render').length;
        const t0 = performance.now();
        window.postMessage(m, '*');
        // The message is delivered as a task; wait for the render, then for its frame: the frame is painted
        // right after the animation-frame callbacks, so a task queued from one runs once the frame is out.
        // (Written inline: named helpers inside evaluate would need the TypeScript loader's __name helper.)
        while (performance.getEntriesByName('perflens:render').length === before) await new Promise((res) => setTimeout(res, 0));
        await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
        const entries = performance.getEntriesByName('perflens:render');
        return {
          total: performance.now() - t0,
          render: entries[entries.length - 1]!.duration,
          pager: document.querySelector('#pager span')?.textContent ?? '',
        };
      }, messages[i % 2]!);
      if (!r.pager.endsWith(`of ${VERSIONS}`)) throw new Error(`the table pager says "${r.pager}", expected ${VERSIONS} versions`);
      if (i >= WARMUP) {
        endToEnd.push(r.total);
        script.push(r.render);
      }
    }
    if (panel.errors.length > 0) throw new Error(`the page reported errors: ${panel.errors.join('; ')}`);
    endToEnd.sort((a, b) => a - b);
    script.sort((a, b) => a - b);
    const f = (x: number): string => x.toFixed(1);
    const med = percentile(endToEnd, 0.5);
    console.log(`panel render, ${VERSIONS} versions, headless Chromium, ${RUNS} runs after ${WARMUP} warm-up:`);
    console.log(`  message to painted frame (validation, chart, legend, details, first table page): median ${f(med)} ms, p90 ${f(percentile(endToEnd, 0.9))} ms, max ${f(endToEnd.at(-1)!)} ms (budget ≤ ${BUDGET_MS} ms: ${med <= BUDGET_MS ? 'within' : 'OVER'})`);
    console.log(`  of which page script (render function): median ${f(percentile(script, 0.5))} ms`);
    // The machine may be shared: the load average says how far to trust the figure.
    console.log(`  load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  } finally {
    await panel.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
