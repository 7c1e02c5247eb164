// A 429 and a 503 are retried with backoff; the answer that follows is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { verdictInput } from '../../support/verdict-fixtures';

test('429, 503, then an answer: three requests, verdict from the LLM', async () => {
  const fake = await startFakeOpenAI({
    script: [
      { kind: 'status', status: 429, message: 'rate limited', headers: { 'retry-after-ms': '20' } },
      { kind: 'status', status: 503, headers: { 'retry-after-ms': '20' } },
      { kind: 'answer', content: { score: 15, recommendation: 'REJECT', reasoning: 'Twice as slow for nothing.', confidence: 0.9 } },
    ],
  });
  try {
    const llm = new LlmClient({ enabled: true, baseURL: fake.url, apiKey: 'k', model: 'm', maxRetries: 2 });
    const v = await decideVerdict(verdictInput(2), { llm });
    assert.equal(fake.requests.length, 3);
    assert.equal(v.source, 'llm');
    assert.equal(v.recommendation, 'REJECT');
    assert.match(v.reasoning, /LLM: Twice as slow for nothing\.$/);
  } finally {
    await fake.close();
  }
});
