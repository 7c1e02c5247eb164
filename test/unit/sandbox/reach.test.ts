// The sandbox reaches every supported form of function, non-exported ones included, and calls it with
// the receiver the program would use; a nested function that needs its enclosing scope is unsupported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { NUMBER, runFixture } from './run-fixture';

const FILE = resolve(__dirname, '../../fixtures/hostile/reach.ts');

const cases: Array<[string, string]> = [
  ['hidden', 'hidden:number'],
  ['default', 'default:number'],
  ['Box.grow', 'grow:true:number'],
  ['Box.make', 'make:true:number'],
  ['Box.#secret', 'secret:true:number'],
  ['Box.get area', 'area:true'],
  ['Box.label', 'label:true:number'],
  ['api.nested.parse', 'parse:true:number'],
  ['outer.inner', 'inner:number'],
];

for (const [name, said] of cases) {
  test(`reaches ${name} with the right receiver`, async () => {
    const params = name === 'Box.get area' ? [] : [NUMBER];
    const run = await runFixture(FILE, name, { recipe: { params, bindings: [] } });
    assert.equal(run.outcome.ok, false);
    if (run.outcome.ok) return;
    assert.equal(run.outcome.error.kind, 'throws', run.outcome.error.message);
    assert.ok(run.outcome.error.message.includes(`Error: ${said}`), run.outcome.error.message);
  });
}

test('a nested function using its parent scope is unsupported-input, naming the parent', async () => {
  const run = await runFixture(FILE, 'closes.times');
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.error.kind, 'unsupported-input');
  assert.match(run.outcome.error.message, /enclosing function closes.*k is not defined/);
});

test('an unknown name is unsupported-input before any child starts', async () => {
  const run = await runFixture(FILE, 'Box.nothing');
  assert.equal(run.outcome.ok, false);
  if (run.outcome.ok) return;
  assert.equal(run.outcome.error.kind, 'unsupported-input');
  assert.match(run.outcome.error.message, /no function named Box\.nothing/);
});
