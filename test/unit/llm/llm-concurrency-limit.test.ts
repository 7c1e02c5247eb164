// The client keeps at most `concurrency` requests in flight, however many verdicts are asked for at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { verdictInput } from '../../support/verdict-fixtures';

test('six verdicts at once with concurrency 2: never more than 2 requests in flight, all answered', async () => {
  const fake = await startFakeOpenAI({ script: [{ kind: 'answer', delayMs: 80, content: { score: 15, recommendation: 'REJECT', reasoning: 'slow', confidence: 0.8 } }] });
  try {
    const llm = new LlmClient({ enabled: true, baseURL: fake.url, model: 'm', maxRetries: 0, concurrency: 2 });
    // Distinct inputs so the cache cannot answer any of them.
    const verdicts = await Promise.all([1.6, 1.7, 1.8, 1.9, 2.0, 2.1].map((r) => decideVerdict(verdictInput(r), { llm })));
    assert.equal(fake.requests.length, 6);
    assert.equal(fake.maxConcurrent, 2);
    assert.ok(verdicts.every((v) => v.source === 'llm'));
  } finally {
    await fake.close();
  }
});
