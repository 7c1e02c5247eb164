// With an LLM configured, its answer becomes the verdict when it agrees with the rules, sent at temperature 0
// with a json_schema response format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { verdictInput } from '../../support/verdict-fixtures';

test('an agreeing LLM answer is the verdict, labelled llm', async () => {
  const fake = await startFakeOpenAI({ script: [{ kind: 'answer', content: { score: 82, recommendation: 'ACCEPT', reasoning: 'The reviver option justifies 20%.', confidence: 0.8 } }] });
  try {
    const llm = new LlmClient({ enabled: true, baseURL: fake.url, apiKey: 'sk-test', model: 'judge-1', maxRetries: 0 });
    const v = await decideVerdict(verdictInput(1.2, { intent: { commits: ['Add a reviver option'] } }), { llm });
    assert.equal(v.source, 'llm');
    assert.equal(v.recommendation, 'ACCEPT');
    assert.equal(v.score, 82);
    assert.match(v.reasoning, /^\d+% slower \(.* per call, .*\)\. LLM: The reviver option justifies 20%\.$/, 'the measured facts stay, the model adds its words');
    const sent = fake.requests[0]!.body;
    assert.equal(sent.temperature, 0);
    assert.equal(sent.model, 'judge-1');
    assert.equal(sent.response_format?.type, 'json_schema');
    assert.equal(fake.requests[0]!.headers.authorization, 'Bearer sk-test');
  } finally {
    await fake.close();
  }
});
