// The parent trusts nothing from the child: parseChildMessage accepts only well-formed messages signed
// with the run key, within the size caps, and maps an unknown error kind to `crash`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_LIMITS, parseChildMessage } from '../../../server/src/profile/sandbox/contract';

const KEY = 'k'.repeat(48);
const result = (samplesNs: unknown[]) => ({ type: 'result', key: KEY, result: { variants: [{ id: 't', mode: 'sync', samplesNs, iterationsPerSample: 10, warmupSamples: 2 }], inputs: { n: 100, cloned: false, examples: ['1'] }, growth: null, mocks: [], warnings: [] } });
const parse = (v: unknown, max = 100) => parseChildMessage(typeof v === 'string' ? v : JSON.stringify(v), KEY, max);

test('a valid result signed with the key is accepted as is', () => {
  const m = parse(result([1, 2, 3]));
  assert.ok(!('invalid' in m) && m.type === 'result');
  if (!('invalid' in m) && m.type === 'result') assert.deepEqual(m.result.variants[0].samplesNs, [1, 2, 3]);
});

test('null, garbage, a missing or wrong key, and an unknown type are refused with a reason', () => {
  for (const line of ['null', 'not json', '[1]', JSON.stringify({ ...result([1]), key: undefined }), JSON.stringify({ ...result([1]), key: 'x'.repeat(48) }), JSON.stringify({ type: 'shell', key: KEY })]) {
    const m = parse(line);
    assert.ok('invalid' in m, line);
  }
});

test('samples beyond the job cap, negative, NaN or non-numeric samples are refused', () => {
  assert.ok('invalid' in parse(result(Array(101).fill(1))));
  assert.ok('invalid' in parse(result([1, -1])));
  assert.ok('invalid' in parse(result([1, 'x'])));
  assert.ok('invalid' in parse(result([])));
  assert.ok('invalid' in parse('x'.repeat(MESSAGE_LIMITS.maxLineChars + 1)));
});

test('an error kind outside the contract becomes crash; messages are capped', () => {
  const m = parse({ type: 'error', key: KEY, error: { kind: 'pwned', message: 'y'.repeat(10_000) } });
  assert.ok(!('invalid' in m) && m.type === 'error');
  if (!('invalid' in m) && m.type === 'error') {
    assert.equal(m.error.kind, 'crash');
    assert.equal(m.error.message.length, MESSAGE_LIMITS.maxTextChars);
  }
});

test('a profile pass reports profiles instead of variants; malformed frames are refused', () => {
  const frame = { url: '/s/b.js', name: 'f', line: 3, column: 0, selfTicks: 10, lineTicks: [[4, 10]], allocBytes: 64 };
  const profiles = (frames: unknown[]) => ({ type: 'result', key: KEY, result: { variants: [], inputs: { n: 100, cloned: false, examples: [] }, growth: null, mocks: [], warnings: [], profiles: [{ intervalUs: 40, totalTicks: 10, gcTicks: 0, allocCalls: 5, frames }, null] } });
  const m = parse(profiles([frame, { ...frame, name: 'push', url: '', line: -1, column: -1 }]));
  assert.ok(!('invalid' in m) && m.type === 'result');
  if (!('invalid' in m) && m.type === 'result') assert.deepEqual(m.result.profiles?.map((p) => p?.frames.length ?? null), [2, null]);
  for (const bad of [{ ...frame, selfTicks: -1 }, { ...frame, lineTicks: [[4]] }, { ...frame, url: 7 }, { ...frame, line: -2 }]) assert.ok('invalid' in parse(profiles([bad])), JSON.stringify(bad));
  assert.ok('invalid' in parse(profiles(Array(MESSAGE_LIMITS.maxFrames + 1).fill(frame))));
});
