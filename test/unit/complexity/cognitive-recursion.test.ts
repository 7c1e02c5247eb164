// Cognitive complexity: a function that calls itself gets one increment, however many calls it makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';

test('direct recursion adds 1 once, not once per call', () => {
  const one = 'function walk(n: any): number { return walk(n.left); }';
  const two = 'function walk(n: any): number { return walk(n.left) + walk(n.right); }';
  assert.equal(measureOne(one, 'walk').cognitive, 1);
  assert.equal(measureOne(two, 'walk').cognitive, 1);
});

test('recursion inside a callback still counts', () => {
  // for-of? no: forEach callback; recursion +1 only
  const code = 'function visit(n: any): void { n.kids.forEach((k: any) => visit(k)); }';
  assert.equal(measureOne(code, 'visit').cognitive, 1);
});

test('a method calling itself through this, and a static one through its class', () => {
  const code = `class Tree {
    depth(n: number): number { return n > 0 ? this.depth(n - 1) + 1 : 0; }
    static count(n: number): number { return n > 0 ? Tree.count(n - 1) + 1 : 0; }
  }`;
  // ternary +1, recursion +1
  assert.equal(measureOne(code, 'Tree.depth').cognitive, 2);
  assert.equal(measureOne(code, 'Tree.count').cognitive, 2);
});

test('an arrow bound to a const calling itself', () => {
  const code = 'const countdown = (n: number): number => (n <= 0 ? 0 : countdown(n - 1));';
  assert.equal(measureOne(code, 'countdown').cognitive, 2);
});

test('calling a different function with the same short name is not recursion', () => {
  const code = `class Logger { log(m: string) { console.log(m); } }
    const api = { send: (x: number) => send(x) };
    declare function send(x: number): void;`;
  assert.equal(measureOne(code, 'Logger.log').cognitive, 0);
  assert.equal(measureOne(code, 'api.send').cognitive, 0);
});
