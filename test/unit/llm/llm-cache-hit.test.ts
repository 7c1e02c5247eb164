// LLM responses are cached in the history DB by a hash of model and prompt: the same question is not asked twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { openHistory } from '../../../server/src/history/open';
import { verdictInput } from '../../support/verdict-fixtures';

test('second identical evaluation is served from SQLite, across store reopen; another model asks again', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-llmcache-'));
  const fake = await startFakeOpenAI({ script: [{ kind: 'answer', content: { score: 18, recommendation: 'REJECT', reasoning: 'cached?', confidence: 0.7 } }] });
  try {
    const first = openHistory({ workspaceRoot: root });
    assert.ok(first.ok);
    const cacheOf = (s: typeof first.store) => ({ get: (k: string) => s.llmCacheGet(k), put: (k: string, m: string, r: string) => s.llmCachePut(k, m, r) });
    const v1 = await decideVerdict(verdictInput(2), { llm: new LlmClient({ enabled: true, baseURL: fake.url, model: 'm1', maxRetries: 0 }, cacheOf(first.store)) });
    first.store.close();
    assert.equal(fake.requests.length, 1);

    const second = openHistory({ workspaceRoot: root });
    assert.ok(second.ok);
    const v2 = await decideVerdict(verdictInput(2), { llm: new LlmClient({ enabled: true, baseURL: fake.url, model: 'm1', maxRetries: 0 }, cacheOf(second.store)) });
    assert.equal(fake.requests.length, 1, 'no request for the cached prompt');
    assert.deepEqual(v2, v1);

    await decideVerdict(verdictInput(2), { llm: new LlmClient({ enabled: true, baseURL: fake.url, model: 'm2', maxRetries: 0 }, cacheOf(second.store)) });
    assert.equal(fake.requests.length, 2, 'a different model is a different key');
    second.store.close();
  } finally {
    await fake.close();
  }
});
