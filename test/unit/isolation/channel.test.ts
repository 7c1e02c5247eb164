// Result-channel attack class: a bare `null`, an error kind outside the contract, forged results (with
// and without a guessed key) written to fd 3, a flood of it, and a child that stops itself. The parent
// ignores what the harness did not sign, measures the real cost, and ends every run in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attack, FORGE, type Mode } from './attack-kit';
import { NUMBER } from '../sandbox/run-fixture';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

for (const mode of ['auto', 'off'] as Mode[]) {
  test(`forged lines on fd 3 are ignored and the real cost is measured (isolation ${mode})`, async () => {
    const r = await attack('channel', [NUMBER], mode);
    assert.equal(r.routes.filter((x) => x.outcome === 'written').length, 4, 'the forged lines were written');
    assert.equal(r.outcome.ok, true, r.outcome.ok ? '' : r.outcome.error.message);
    if (!r.outcome.ok) return;
    // 100,000 square roots cost tens of microseconds at least; the forgery claimed 0.5 ns.
    assert.ok(median(r.outcome.result.variants[0].samplesNs) > 10_000, `median ${median(r.outcome.result.variants[0].samplesNs)} ns`);
    assert.ok(r.lines.some((l) => /ignored a message without the run key/.test(l)), 'the parent logged what it ignored');
  });
}

test('a module that replaces the clock, JSON, Math, toJSON and Function at load is measured truly', async () => {
  const r = await attack('work', [NUMBER], 'auto', { file: FORGE, memory: true });
  assert.equal(r.outcome.ok, true, r.outcome.ok ? '' : r.outcome.error.message);
  if (!r.outcome.ok) return;
  const v = r.outcome.result.variants[0];
  assert.ok(v.samplesNs.length >= 5);
  assert.ok(median(v.samplesNs) > 10_000, `median ${median(v.samplesNs)} ns`);
  assert.ok(v.memory && v.memory.allocatedBytesPerCall >= 0);
});

test('a flood of the result channel ends as a crash naming the flood', async () => {
  const r = await attack('flood', [NUMBER], 'auto');
  assert.equal(r.outcome.ok, false);
  if (!r.outcome.ok) {
    assert.equal(r.outcome.error.kind, 'crash');
    assert.match(r.outcome.error.message, /flooded its result channel/);
  }
});

test('a child that stops itself ends as a timeout within the limit + 2 s', async () => {
  const r = await attack('stopSelf', [NUMBER], 'auto', { timeoutMs: 3000 });
  assert.equal(r.outcome.ok, false);
  if (!r.outcome.ok) assert.equal(r.outcome.error.kind, 'timeout');
  assert.ok(r.elapsedMs < 5000, `took ${r.elapsedMs} ms`);
});
