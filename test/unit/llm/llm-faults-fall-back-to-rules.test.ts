// Every fault of the LLM server still gives a verdict: the rules' one, labelled source "rules", with a note saying why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI, type FakeReply } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { rulesVerdict } from '../../../server/src/verdict/rules';
import { verdictInput } from '../../support/verdict-fixtures';

const fast = { 'retry-after-ms': '5' };
const faults: Array<[string, FakeReply, RegExp]> = [
  ['timeout', { kind: 'hang' }, /did not answer within 300 ms/],
  ['HTTP 500 every time', { kind: 'status', status: 500, headers: fast }, /HTTP 500/],
  ['HTTP 429 every time', { kind: 'status', status: 429, headers: fast }, /HTTP 429/],
  ['malformed response body', { kind: 'malformed-body' }, /LLM/],
  ['answer that is not JSON', { kind: 'answer', content: 'I think it is fine!' }, /without a usable JSON verdict/],
  ['JSON missing fields', { kind: 'answer', content: { score: 'high' } }, /without a usable JSON verdict/],
  ['truncated body', { kind: 'truncated', content: { score: 90, recommendation: 'ACCEPT', reasoning: 'x', confidence: 1 } }, /LLM/],
];

for (const [name, reply, note] of faults) {
  test(`${name}: the rules verdict comes back, labelled rules`, async () => {
    const fake = await startFakeOpenAI({ script: [reply] });
    try {
      const llm = new LlmClient({ enabled: true, baseURL: fake.url, apiKey: 'sk-test', model: 'm', timeoutMs: 300, maxRetries: 1 });
      const input = verdictInput(2);
      const v = await decideVerdict(input, { llm });
      const rules = rulesVerdict(input);
      assert.equal(v.source, 'rules');
      assert.equal(v.recommendation, rules.recommendation);
      assert.equal(v.score, rules.score);
      assert.match(v.llmNote ?? '', note);
      assert.ok(fake.requests.length >= 1, 'the LLM was asked');
    } finally {
      await fake.close();
    }
  });
}
