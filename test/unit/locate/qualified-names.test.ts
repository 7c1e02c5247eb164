// Every supported function form gets the qualified name and kind the docs promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateFunctions } from '../../../server/src/locate/locate';

const source = `
export function add(a: number, b = 2): number { return a + b; }
export default function () { return 1; }
const arrow = (xs: number[]) => xs.map((x) => x * 2);
let fexpr = function named(s?: string) { return s; };
var legacy = function () {};
export class Shape<T> {
  #secret() { return 1; }
  static create(): Shape<number> { return new Shape(1); }
  constructor(private readonly w: number) {}
  get area() { return this.w; }
  set area(v: number) { void v; }
  prop = async (x: T) => x;
  overloaded(a: string): void;
  overloaded(a: unknown) { function inner() { const deep = () => 1; return deep; } return inner; }
}
abstract class Base { abstract run(): void; helper() { return 2; } }
const obj = { m() { return 1; }, p: function () {}, a: () => 2, nested: { fn() {} }, get g() { return 1; } };
module.exports.x = function () {};
[1, 2].forEach(function cb() { function inCallback() {} });
const C = class { run() {} };
function* gen() { yield 1; }
async function* agen() { yield 1; }
`;

test('each function form gets its qualified name and kind', () => {
  const { functions, syntaxErrors } = locateFunctions('/virtual/forms.ts', source);
  assert.deepEqual(syntaxErrors, []);
  const got = functions.map((f) => `${f.qualifiedName}:${f.kind}`);
  assert.deepEqual(got, [
    'add:declaration',
    'default:declaration',
    'arrow:arrow',
    'fexpr:expression',
    'legacy:expression',
    'Shape.#secret:method',
    'Shape.create:method',
    'Shape.constructor:constructor',
    'Shape.get area:getter',
    'Shape.set area:setter',
    'Shape.prop:property',
    'Shape.overloaded:method',
    'Shape.overloaded.inner:declaration',
    'Shape.overloaded.inner.deep:arrow',
    'Base.helper:method',
    'obj.m:object-method',
    'obj.p:property',
    'obj.a:property',
    'obj.nested.fn:object-method',
    'obj.get g:getter',
    'module.exports.x:property',
    'inCallback:declaration',
    'C.run:method',
    'gen:declaration',
    'agen:declaration',
  ]);
});

test('class members know their class, static flag and parent', () => {
  const { functions } = locateFunctions('/virtual/forms.ts', source);
  const byName = new Map(functions.map((f) => [f.qualifiedName, f]));
  assert.equal(byName.get('Shape.create')?.static, true);
  assert.equal(byName.get('Shape.create')?.className, 'Shape');
  assert.equal(byName.get('Shape.#secret')?.static, undefined);
  assert.equal(byName.get('Shape.overloaded.inner.deep')?.parent, 'Shape.overloaded.inner');
  assert.equal(byName.get('agen')?.async, true);
  assert.equal(byName.get('agen')?.generator, true);
});
