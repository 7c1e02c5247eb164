// The API key goes only into the Authorization header: not into verdicts, notes, errors or the DB file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../../support/fake-openai';
import { LlmClient } from '../../../server/src/verdict/llm';
import { decideVerdict } from '../../../server/src/verdict/decide';
import { openHistory } from '../../../server/src/history/open';
import { verdictInput } from '../../support/verdict-fixtures';

const KEY = 'sk-perflens-secret-4f9a2c';

test('a failing server that echoes the key: the key appears nowhere in results or on disk', async () => {
  const root = mkdtempSync(join(tmpdir(), 'perflens-key-'));
  const fake = await startFakeOpenAI({
    handler: (req) =>
      req.body.model === 'fail'
        ? { kind: 'status', status: 401, message: `Incorrect API key provided: ${String(req.headers.authorization).slice(7)}` }
        : { kind: 'answer', content: { score: 20, recommendation: 'REJECT', reasoning: 'slow', confidence: 0.9 } },
  });
  try {
    const opened = openHistory({ workspaceRoot: root });
    assert.ok(opened.ok);
    const store = opened.store;
    const cache = { get: (k: string) => store.llmCacheGet(k), put: (k: string, m: string, r: string) => store.llmCachePut(k, m, r) };
    const failed = await decideVerdict(verdictInput(2), { llm: new LlmClient({ enabled: true, baseURL: fake.url, apiKey: KEY, model: 'fail', maxRetries: 0 }, cache) });
    const ok = await decideVerdict(verdictInput(2), { llm: new LlmClient({ enabled: true, baseURL: fake.url, apiKey: KEY, model: 'good', maxRetries: 0 }, cache) });
    assert.equal(fake.requests[0]!.headers.authorization, `Bearer ${KEY}`, 'the key was sent');
    assert.match(failed.llmNote ?? '', /HTTP 401/);
    for (const v of [failed, ok]) assert.ok(!JSON.stringify(v).includes(KEY), 'not in the verdict');
    const f = store.trackFunction('a.ts', { qualifiedName: 'f', bodyHash: 'b' });
    const ver = store.recordVersion(f.id, { hash: 'h', bodyHash: 'b', source: 's' });
    for (const v of [failed, ok]) store.recordVerdict({ functionId: f.id, versionId: ver.id, ...v });
    store.close();
    for (const name of readdirSync(join(root, '.perflens'))) {
      assert.ok(!readFileSync(join(root, '.perflens', name)).includes(KEY), `not in ${name}`);
    }
  } finally {
    await fake.close();
  }
});
