// Maximum nesting equals ESLint's `max-depth` on every fixture form. (ESLint restarts depth inside
// callbacks and does not deepen for `if (a) if (b)`; the fixture avoids both, the nesting test covers them.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureSource } from './measure-source';
import { eslintMaxDepth } from './eslint-reference';

const fixtures = join(__dirname, '..', '..', 'fixtures');

for (const name of ['forms.ts', 'forms-default-arrow.ts']) {
  test(`nesting equals ESLint max-depth on ${name}`, () => {
    const file = join(fixtures, name);
    const code = readFileSync(file, 'utf8');
    const ours = new Map([...measureSource(code, file)].map(([q, m]) => [q, m.nesting]));
    assert.deepEqual(ours, eslintMaxDepth(code, file));
  });
}
