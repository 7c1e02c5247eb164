// measureAll, which reuses the caller's locate result, gives exactly what measureComplexity gives
// function by function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../../server/src/locate/parse';
import { locateNodes } from '../../../server/src/locate/locate';
import { measureAll, measureComplexity } from '../../../server/src/analyze/complexity';

test('measureAll equals measureComplexity on every fixture form', () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'forms.ts');
  const text = readFileSync(file, 'utf8');
  const first = parseFile(file, text);
  const all = measureAll(first, locateNodes(first));
  // A separate parse, so the per-file cache measureAll filled is not shared.
  const second = parseFile(file, text);
  const one = locateNodes(second).map((l) => measureComplexity(second, l));
  assert.equal(all.length, one.length);
  assert.deepEqual(all, one);
});
