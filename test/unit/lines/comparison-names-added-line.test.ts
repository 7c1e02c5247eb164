// Baseline and current version measured in one child: the line the current version added tops the
// per-line difference, marked new.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateFunctions } from '../../../server/src/locate/locate';
import { benchVariants } from '../../../server/src/profile';
import { diffLines } from '../../../server/src/profile/lines/diff';
import { FIXTURES, markedLine } from './markers';

test('compare.ts summarize: the added line tops the difference list', async () => {
  const file = join(FIXTURES, 'compare.ts');
  const text = readFileSync(file, 'utf8');
  const fn = locateFunctions(file, text).functions.find((f) => f.qualifiedName === 'summarize')!;
  const currentSource = text.slice(fn.start, fn.end);
  const baselineSource = currentSource.split('\n').filter((l) => !l.includes('// ADDED')).join('\n');
  const r = await benchVariants({ file, text, qualifiedName: 'summarize', budgetMs: 300, variants: [{ id: 'baseline', replacementText: baselineSource }, { id: 'current' }] });
  assert.equal(r.status, 'ok', r.error?.message);
  const [base, cur] = r.variants;
  assert.ok(base?.profile && cur?.profile, `both versions profiled (warnings: ${r.warnings.join('; ')})`);
  const deltas = diffLines(base.profile.lines, cur.profile.lines, { baselineSource, currentSource });
  const top = deltas[0]!;
  assert.equal(top.line, markedLine(file, '// ADDED', 'summarize'), `top: ${JSON.stringify(deltas.slice(0, 3))}`);
  assert.equal(top.status, 'new');
  assert.equal(top.baselineNsPerCall, 0);
  assert.ok(top.deltaNsPerCall > 0);
});
