// `npm run bench:analyze`: locate + complexity of a 5,000-line file (full parse, and the incremental
// re-analysis an edit triggers in the editor), security lint of a 300-line file.
// Prints figures; it asserts nothing (the machines are noisy; targets are shown beside the numbers).
import { parseFile } from '../server/src/locate/parse';
import { locateNodes } from '../server/src/locate/locate';
import { measureAll } from '../server/src/analyze/complexity';
import { lintSecurity } from '../server/src/analyze/security';
import { Engine } from '../server/src/engine';
import { generateSource } from './generate';
import { medianMs, verdict } from './stats';

async function main() {
  const big = generateSource(5000);
  const file = '/bench/big.ts';
  let functions = 0;
  const locateAndMeasure = () => {
    const parsed = parseFile(file, big);
    const located = locateNodes(parsed);
    measureAll(parsed, located);
    functions = located.length;
  };
  const locateMs = await medianMs(locateAndMeasure, 15, 5);

  // What the editor does per keystroke: an edit inside one function of the big file, analysed
  // incrementally (only that statement is re-parsed; its security lint included, types off).
  const engine = new Engine();
  const mid = big.indexOf('let total = 0;', big.length / 2);
  const edited = big.slice(0, mid) + 'let total = 1;' + big.slice(mid + 'let total = 0;'.length);
  let flip = false;
  let incremental = true;
  await engine.analyze(file, big, { typeCheck: false });
  const editMs = await medianMs(async () => {
    flip = !flip;
    const r = await engine.analyze(file, flip ? edited : big, { typeCheck: false });
    incremental &&= r.incremental;
  }, 15, 5);

  const small = generateSource(300) + '\nexport function risky(code: string) { return eval(code); }\n';
  let findings = 0;
  const lintMs = await medianMs(() => {
    findings = lintSecurity('/bench/small.ts', small).length;
  }, 15, 3);

  const rows = [
    ['locate + complexity', `${big.split('\n').length} lines, ${functions} functions`, locateMs.toFixed(1), '50', verdict(locateMs, 50)],
    ['re-analysis after an edit', `same file, ${incremental ? 'incremental' : 'NOT incremental'}`, editMs.toFixed(1), '50', verdict(editMs, 50)],
    ['security lint', `${small.split('\n').length} lines, ${findings} findings`, lintMs.toFixed(1), '300', verdict(lintMs, 300)],
  ];
  console.log('PerfLens analysis benchmark (median of 15 warm runs, ms)');
  console.log(['task', 'input', 'median ms', 'target ms', ''].join('\t'));
  for (const r of rows) console.log(r.join('\t'));
}

void main();
