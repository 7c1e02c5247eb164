// `exported` follows ESM and CommonJS exports; params keep their type and default text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateFunctions } from '../../../server/src/locate/locate';

test('exported is true for export forms and false for locals', () => {
  const text = `
function local() {}
function later() {}
export { later };
export const direct = () => 1;
const cjs = function () {};
module.exports = { cjs };
`;
  const byName = new Map(locateFunctions('/virtual/e.js', text).functions.map((f) => [f.qualifiedName, f.exported]));
  assert.deepEqual(Object.fromEntries(byName), { local: false, later: true, direct: true, cjs: true });
});

test('params record names, types, defaults, optional and rest', () => {
  const text = 'function f(a: string, b = 3, c?: number[], { d }: { d: 1 } = { d: 1 }, ...rest: boolean[]) {}';
  const [fn] = locateFunctions('/virtual/p.ts', text).functions;
  assert.deepEqual(fn!.params, [
    { name: 'a', typeText: 'string', optional: false, rest: false },
    { name: 'b', defaultText: '3', optional: true, rest: false },
    { name: 'c', typeText: 'number[]', optional: true, rest: false },
    { name: '{ d }', typeText: '{ d: 1 }', defaultText: '{ d: 1 }', optional: true, rest: false },
    { name: 'rest', typeText: 'boolean[]', optional: false, rest: true },
  ]);
});

test('the JSDoc block before a function is its doc', () => {
  const text = '/**\n * Sums values.\n * @param xs the values\n */\nexport function sum(xs: number[]) { return 0; }';
  const [fn] = locateFunctions('/virtual/d.ts', text).functions;
  assert.equal(fn!.doc, 'Sums values.\n@param xs the values');
});
