// measureComplexity never throws and returns sane numbers for every syntax typescript-estree
// accepts: JSX, decorators, enums in functions, class static blocks, `using`, broken files...
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComplexityMetrics } from '../../../server/src/analyze/complexity';
import { measureSource } from './measure-source';

function assertSane(name: string, m: ComplexityMetrics): void {
  assert.ok(Number.isInteger(m.cyclomatic) && m.cyclomatic >= 1, `${name} cyclomatic ${m.cyclomatic}`);
  assert.ok(Number.isInteger(m.cognitive) && m.cognitive >= 0, `${name} cognitive`);
  assert.ok(m.maintainability >= 0 && m.maintainability <= 100, `${name} MI ${m.maintainability}`);
  for (const v of Object.values(m.halstead)) assert.ok(Number.isFinite(v) && v >= 0, `${name} halstead`);
  assert.ok(m.sloc >= 1, `${name} sloc`);
  assert.match(m.grade, /^[A-F]$/);
}

const sources: Array<[file: string, code: string, mustFind: string[]]> = [
  [
    'view.tsx',
    `export function View({ items, title }: { items: string[]; title?: string }) {
  return (<>
    {title && <h1 className="t">{title}</h1>}
    {items.length ? <ul>{items.map((i) => <li key={i} {...{ i }}>{i}</li>)}</ul> : <p>none</p>}
  </>);
}`,
    ['View'],
  ],
  [
    'decorated.ts',
    `function log(_t: unknown, _k: string) {}
export class Svc {
  @log handle(@inject() x: number) { return x ?? 0; }
  static { if (Math.random()) Svc.ready = true; }
  static ready = false;
}
declare function inject(): ParameterDecorator;`,
    ['Svc.handle'],
  ],
  [
    'misc.ts',
    `export function misc<T>(x: T, y: unknown) {
  enum Dir { Up = 1, Down = Up * 2 }
  const c = class { #p = 1; get p() { return #p in this ? this.#p : 0; } };
  const big = 10n ** 3n, re = /a+b/gi, meta = import.meta;
  const s = tag\`a\${x}b\`;
  const v = (y as any)!.z satisfies unknown;
  label: { if (x) break label; }
  using res = { [Symbol.dispose]() {} };
  return [Dir.Down, new c().p, big, re, meta, s, v, res, new.target, import('./x'), typeof x, void 0];
}
function* gen() { yield* [1, 2]; }
async function aw() { for await (const v of gen()) { await v; } }
declare const tag: (...a: unknown[]) => string;`,
    ['misc', 'gen', 'aw'],
  ],
  [
    'broken.ts',
    `export function ok(a: number) { return a > 0 ? a : -a; }
export function broken( {
export const fine = () => 1;`,
    ['ok'],
  ],
  ['script.js', 'module.exports = function (a, b = 2) { with (a) { return b; } };', ['module.exports']],
];

for (const [file, code, mustFind] of sources) {
  test(`${file}: every located function gets sane metrics`, () => {
    const measured = measureSource(code, file);
    for (const name of mustFind) assert.ok(measured.has(name), `${name} not located in ${file}`);
    for (const [name, m] of measured) assertSane(name, m);
  });
}

test('JSX conditionals count as decisions', () => {
  const m = measureSource(sources[0]![1], 'view.tsx').get('View')!;
  assert.equal(m.cyclomatic, 1 + 2); // `title &&` and the ternary
});
