// Servers without json_schema get json_object instead, and servers without either get a plain request
// whose JSON is picked out of the prose; the client remembers what the server supports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { verdictInput } from '../../support/verdict-fixtures';

const answer = { score: 20, recommendation: 'REJECT', reasoning: 'Slower with no reason.', confidence: 0.8 };

test('no json_schema: falls back to json_object, and keeps using it', async () => {
  const fake = await startFakeOpenAI({ supportsJsonSchema: false, script: [{ kind: 'answer', content: answer }] });
  try {
    const llm = new LlmClient({ enabled: true, baseURL: fake.url, model: 'm', maxRetries: 0 });
    const v = await decideVerdict(verdictInput(2), { llm });
    assert.equal(v.source, 'llm');
    assert.deepEqual(fake.requests.map((r) => r.body.response_format?.type), ['json_schema', 'json_object']);
    await decideVerdict(verdictInput(1.9), { llm });
    assert.equal(fake.requests[2]!.body.response_format?.type, 'json_object', 'no second failed attempt');
  } finally {
    await fake.close();
  }
});

test('neither format: plain request, JSON extracted from a chatty answer', async () => {
  const fake = await startFakeOpenAI({
    supportsJsonSchema: false,
    supportsJsonObject: false,
    script: [{ kind: 'answer', content: `Sure! Here is my verdict:\n${JSON.stringify(answer)}\nHope that helps.` }],
  });
  try {
    const llm = new LlmClient({ enabled: true, baseURL: fake.url, model: 'm', maxRetries: 0 });
    const v = await decideVerdict(verdictInput(2), { llm });
    assert.equal(v.source, 'llm');
    assert.match(v.reasoning, /LLM: Slower with no reason\.$/);
    assert.equal(fake.requests.at(-1)!.body.response_format, undefined);
  } finally {
    await fake.close();
  }
});
