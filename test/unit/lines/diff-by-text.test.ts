// diffLines matches lines by file and text, not number; a line absent from the baseline's source is
// new, one absent from the current source is removed; largest growth comes first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffLines } from '../../../server/src/profile/lines/diff';
import type { LineCost } from '../../../server/src/profile/lines/types';

const line = (line: number, text: string, ns: number): LineCost => ({ file: '/w/a.ts', line, selfPct: 0, selfNsPerCall: ns, allocBytesPerCall: 0, text, function: 'f' });

test('moved lines pair by text; the added line is new and first', () => {
  const baseline = [line(10, 'for (const x of xs) total += x;', 100), line(11, 'return total;', 5), line(12, 'old();', 30)];
  const current = [line(20, 'for (const x of xs)  total += x;', 120), line(21, 'check ^= JSON.stringify(xs).length;', 900), line(22, 'return total;', 5)];
  const d = diffLines(baseline, current, { baselineSource: 'for (const x of xs) total += x;\nreturn total;\nold();', currentSource: 'for (const x of xs) total += x;\ncheck ^= JSON.stringify(xs).length;\nreturn total;' });
  assert.deepEqual(
    d.map((x) => [x.line, x.status, x.deltaNsPerCall]),
    [
      [21, 'new', 900],
      [20, 'changed', 20],
      [12, 'removed', -30],
    ],
  );
});

test('a line that existed but had no ticks in the baseline is changed, not new', () => {
  const d = diffLines([], [line(3, 'x++;', 50)], { baselineSource: 'x++;' });
  assert.equal(d[0]!.status, 'changed');
});
