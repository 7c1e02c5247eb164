// `npm run bench:analyze`: locate + complexity of a 5,000-line file, security lint of a 300-line file.
// Prints figures; it asserts nothing (the machines are noisy; targets are shown beside the numbers).
import { parseFile } from '../server/src/locate/parse';
import { locateNodes } from '../server/src/locate/locate';
import { measureComplexity } from '../server/src/analyze/complexity';
import { lintSecurity } from '../server/src/analyze/security';
import { generateSource } from './generate';
import { medianMs, verdict } from './stats';

async function main() {
  const big = generateSource(5000);
  const file = '/bench/big.ts';
  let functions = 0;
  const locateAndMeasure = () => {
    const parsed = parseFile(file, big);
    const located = locateNodes(parsed);
    for (const l of located) measureComplexity(parsed, l);
    functions = located.length;
  };
  const locateMs = await medianMs(locateAndMeasure, 15, 5);

  const small = generateSource(300) + '\nexport function risky(code: string) { return eval(code); }\n';
  let findings = 0;
  const lintMs = await medianMs(() => {
    findings = lintSecurity('/bench/small.ts', small).length;
  }, 15, 3);

  const rows = [
    ['locate + complexity', `${big.split('\n').length} lines, ${functions} functions`, locateMs.toFixed(1), '50', verdict(locateMs, 50)],
    ['security lint', `${small.split('\n').length} lines, ${findings} findings`, lintMs.toFixed(1), '300', verdict(lintMs, 300)],
  ];
  console.log('PerfLens analysis benchmark (median of 15 warm runs, ms)');
  console.log(['task', 'input', 'median ms', 'target ms', ''].join('\t'));
  for (const r of rows) console.log(r.join('\t'));
}

void main();
