// Memory outside the V8 heap (Buffers, WebAssembly memory) is capped with the heap: allocation fails
// long before the machine's memory, with and without the namespaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attack, type Mode } from './attack-kit';
import { NUMBER } from '../sandbox/run-fixture';

for (const mode of ['auto', 'off'] as Mode[]) {
  test(`4 GB of Buffers fail at the data limit (isolation ${mode})`, async () => {
    const r = await attack('offHeap', [NUMBER], mode, { heapMb: 64, timeoutMs: 20_000 });
    assert.equal(r.outcome.ok, false);
    if (!r.outcome.ok) assert.match(r.outcome.error.message, /allocation failed|out of memory/i, r.outcome.error.message);
  });
}
