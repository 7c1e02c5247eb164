// `npm run bench:verdicts`: the verdict fixture (test/fixtures/verdicts/) judged as `perflens compare` judges it.
// Each pair is measured once (interleaved, growth fitted when an input is a collection or string), then decided in
// three modes: rules only; with a scripted LLM that always answers ACCEPT; with one that always answers REJECT (each a
// real HTTP server on 127.0.0.1 speaking the chat-completions API). Prints a table per mode and the share of verdicts
// in the reviewer's acceptable set. Targets: 100% in every mode, i.e. no accidental quadratic accepted, no justified
// change rejected, no neutral change below REVIEW.
// PERFLENS_VERDICT_BUDGET sets the measuring time per pair in ms (default 1000); PERFLENS_VERDICT_ONLY=a,b runs some.
import { formatTable } from '../server/src/cli/table';
import { compareVersions, type Comparison } from '../server/src/engine/compare';
import { Engine } from '../server/src/engine';
import { describeRatio } from '../server/src/format';
import { decideVerdict } from '../server/src/verdict/decide';
import { LlmClient } from '../server/src/verdict/llm';
import type { Verdict } from '../server/src/verdict/types';
import { startFakeOpenAI, type FakeOpenAI } from '../test/support/fake-openai';
import { loadPair, pairNames, type Pair } from '../test/support/verdict-pairs';

const BUDGET_MS = Number(process.env.PERFLENS_VERDICT_BUDGET ?? 1000);
const ONLY = (process.env.PERFLENS_VERDICT_ONLY ?? '').split(',').filter(Boolean);

type Mode = 'no LLM' | 'LLM always ACCEPT' | 'LLM always REJECT';
const MODES: Mode[] = ['no LLM', 'LLM always ACCEPT', 'LLM always REJECT'];

/** A scripted reviewer that gives the same answer to everything, as a careless model might. */
function scripted(recommendation: 'ACCEPT' | 'REJECT'): Promise<FakeOpenAI> {
  const content =
    recommendation === 'ACCEPT'
      ? { score: 92, recommendation, reasoning: 'Looks fine to me.', confidence: 0.9, risks: [] }
      : { score: 8, recommendation, reasoning: 'Any change is a risk.', confidence: 0.9, risks: [] };
  return startFakeOpenAI({ script: [{ kind: 'answer', content }] });
}

interface Measured {
  pair: Pair;
  comparison: Comparison;
}

async function measure(pair: Pair): Promise<Measured | string> {
  const result = await compareVersions({
    file: pair.newFile,
    text: pair.newText,
    qualifiedName: pair.case.function,
    baselineSource: pair.base.oldSource,
    currentSource: pair.base.newSource,
    codeUnchanged: pair.base.codeUnchanged ?? false,
    before: pair.base.before,
    after: pair.base.after,
    intent: pair.base.intent,
    ...(pair.base.moduleDeclarations ? { moduleDeclarations: pair.base.moduleDeclarations } : {}),
    measureGrowth: 'auto',
    budgetMs: BUDGET_MS,
    workspaceRoot: pair.dir,
  });
  return result.status === 'ok' ? { pair, comparison: result } : result.error;
}

async function main(): Promise<void> {
  const started = Date.now();
  const engine = new Engine();
  const names = pairNames().filter((n) => ONLY.length === 0 || ONLY.includes(n));
  const measured: Measured[] = [];
  for (const name of names) {
    const pair = await loadPair(name, engine);
    process.stderr.write(`measuring ${name}…\n`);
    const m = await measure(pair);
    if (typeof m === 'string') {
      process.stderr.write(`  ${name}: ${m}\n`);
      continue;
    }
    measured.push(m);
  }
  const accept = await scripted('ACCEPT');
  const reject = await scripted('REJECT');
  const client = (fake: FakeOpenAI) => new LlmClient({ enabled: true, baseURL: fake.url, model: 'scripted', maxRetries: 0 });
  const totals: string[][] = [];
  try {
    for (const mode of MODES) {
      const llm = mode === 'no LLM' ? undefined : client(mode === 'LLM always ACCEPT' ? accept : reject);
      const rows: string[][] = [];
      let ok = 0;
      const misses: string[] = [];
      for (const { pair, comparison } of measured) {
        const v: Verdict = await decideVerdict(comparison.verdictInput, llm ? { llm } : {});
        const good = pair.case.expected.includes(v.recommendation);
        if (good) ok++;
        else misses.push(pair.name);
        const c = comparison.change;
        rows.push([
          pair.name,
          pair.case.kind,
          c.classification === 'unchanged' ? 'no change' : describeRatio(c.ratio),
          comparison.growth ? `${comparison.growth.baseline} → ${comparison.growth.current}` : '-',
          `${v.recommendation} ${v.score} (${v.source}${v.llmNote?.startsWith('guardrail') ? ', guarded' : ''})`,
          pair.case.expected.join('/'),
          good ? 'ok' : 'MISS',
        ]);
      }
      process.stdout.write(`\n## ${mode}\n`);
      process.stdout.write(formatTable(['pair', 'kind', 'measured', 'growth', 'verdict', 'acceptable', ''], rows) + '\n');
      const share = measured.length ? (100 * ok) / measured.length : 0;
      process.stdout.write(`in the acceptable set: ${ok}/${measured.length} (${share.toFixed(0)}%)  target 100%${misses.length ? `  misses: ${misses.join(', ')}` : ''}\n`);
      totals.push([mode, `${ok}/${measured.length}`, `${share.toFixed(0)}%`, '100%']);
    }
  } finally {
    await accept.close();
    await reject.close();
  }
  process.stdout.write('\n' + formatTable(['mode', 'acceptable', 'share', 'target'], totals) + '\n');
  process.stdout.write(`${measured.length} of ${names.length} pairs measured, budget ${BUDGET_MS} ms per pair, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

void main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
