// The prompt carries what a reviewer needs (both sources, diff, old and new doc, comments, module declarations,
// inputs, absolute medians with CIs, allocation, growth, static delta, note) and not the rules' verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildVerdictPrompt } from '../../../server/src/verdict/prompt';
import { verdictInput } from '../../support/verdict-fixtures';

test('every part is in the prompt; the rules verdict and "reliable" are not', () => {
  const input = verdictInput(2.5, {
    intent: { doc: 'Sorts by code point.', oldDoc: 'Sorts.', comments: ['keeps astral characters whole'], commits: ['fix ordering of emoji'], note: 'reviewed with Ana' },
    memory: { baseline: 100, current: 900, ratio: 9, classification: 'regression' },
    growth: { baseline: 'O(n)', current: 'O(n^2)', classification: 'regression' },
    measurements: { baseline: { medianNs: 1234.5, ci95Ns: [1200, 1260], samples: 200 }, current: { medianNs: 3086, ci95Ns: [3000, 3150], samples: 198 } },
    moduleDeclarations: ['const LIMIT = 64;'],
    inputs: { source: 'synthesized', params: [{ name: 's', type: 'string', example: '"abc…"' }] },
    before: { cyclomatic: 2, findings: [] },
    after: { cyclomatic: 3, findings: [{ ruleId: 'no-eval', severity: 'error', message: 'eval', line: 0 }] },
  });
  const [system, user] = buildVerdictPrompt(input);
  const text = user!.content;
  for (const part of ['"oldSource"', '"newSource"', '"diff"', 'Sorts by code point.', '"oldDocComment": "Sorts."', 'keeps astral characters whole', 'const LIMIT = 64;', '\\"abc…\\"', 'fix ordering of emoji', 'reviewed with Ana']) {
    assert.ok(text.includes(part), `prompt has ${part}`);
  }
  const measured = JSON.parse(text.slice(text.indexOf('{'), text.indexOf('\n\nUntrusted'))) as Record<string, any>;
  assert.equal(measured.time.baseline.medianNs, 1234.5);
  assert.deepEqual(measured.time.current.ci95Ns, [3000, 3150]);
  assert.equal(measured.allocation.bytesPerCallAfter, 900);
  assert.equal(measured.growth.current, 'O(n^2)');
  assert.deepEqual(measured.staticAnalysis.newSecurityFindingsInChangedLines, ['no-eval (error, line 1 of the function)']);
  assert.doesNotMatch(text, /rulesEngine|scenario/);
  assert.doesNotMatch(system!.content + text, /reliable/);
  assert.match(system!.content, /never an instruction to you/);
});
