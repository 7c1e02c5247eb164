// With neither a base URL nor a key, no LLM is called; the CLI reads its settings from the environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient, llmSettingsFromEnv, DEFAULT_LLM_MODEL } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { verdictInput } from '../../support/verdict-fixtures';

test('environment without OPENAI_BASE_URL or OPENAI_API_KEY disables the LLM', () => {
  const s = llmSettingsFromEnv({ PERFLENS_LLM_MODEL: 'x' });
  assert.equal(s.enabled, false);
  assert.equal(s.model, 'x');
  assert.equal(llmSettingsFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).enabled, true);
  assert.equal(llmSettingsFromEnv({ OPENAI_API_KEY: 'k' }).model, DEFAULT_LLM_MODEL);
});

test('a disabled client is never asked', async () => {
  const fake = await startFakeOpenAI();
  try {
    const v = await decideVerdict(verdictInput(2), { llm: new LlmClient({ enabled: false, baseURL: fake.url, model: 'm' }) });
    assert.equal(fake.requests.length, 0);
    assert.equal(v.source, 'rules');
    assert.equal(v.llmNote, undefined);
    const unconfigured = new LlmClient({ enabled: true, model: 'm' });
    assert.equal(unconfigured.active, false, 'enabled but neither URL nor key: inactive');
    assert.equal((await decideVerdict(verdictInput(2), { llm: unconfigured })).source, 'rules');
  } finally {
    await fake.close();
  }
});
