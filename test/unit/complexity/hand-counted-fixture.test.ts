// Every function of the forms fixtures matches its hand-counted cyclomatic, cognitive, nesting and
// parameter counts (test/fixtures/forms*.expected.json, counted by the rules in docs/metrics.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureSource } from './measure-source';

const fixtures = join(__dirname, '..', '..', 'fixtures');

interface Expected {
  cyclomatic: number;
  cognitive: number;
  nesting: number;
  params: number;
}

for (const name of ['forms', 'forms-default-arrow']) {
  test(`${name}.ts matches its hand counts`, () => {
    const code = readFileSync(join(fixtures, `${name}.ts`), 'utf8');
    const expected = JSON.parse(readFileSync(join(fixtures, `${name}.expected.json`), 'utf8')) as Record<string, Expected>;
    const measured = measureSource(code, join(fixtures, `${name}.ts`));

    // Same set of functions: a form the locator drops, or an extra one, is a failure too.
    assert.deepEqual([...measured.keys()].sort(), Object.keys(expected).sort());
    for (const [qualifiedName, want] of Object.entries(expected)) {
      const m = measured.get(qualifiedName)!;
      assert.deepEqual(
        { cyclomatic: m.cyclomatic, cognitive: m.cognitive, nesting: m.nesting, params: m.params },
        want,
        qualifiedName,
      );
    }
  });
}

test('the forms fixture has at least 30 function forms', () => {
  const expected = JSON.parse(readFileSync(join(fixtures, 'forms.expected.json'), 'utf8')) as object;
  assert.ok(Object.keys(expected).length >= 30);
});
