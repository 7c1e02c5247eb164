// The input planner's lean program (no @types, no DOM) knows when a parameter type needs the full one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { checkFile, findFunctionNode, hasUnresolvedTypes } from '../../../server/src/profile/inputs/checker';

const file = join(__dirname, '../../fixtures/inputs/lean-probe.ts');

function unresolvedIn(text: string): boolean {
  const checked = checkFile(file, text, undefined, true)!;
  const fn = checked.sourceFile.statements.find(ts.isFunctionDeclaration)!;
  const node = findFunctionNode(checked.sourceFile, fn.getStart(checked.sourceFile), fn.end)!;
  return hasUnresolvedTypes(node, checked.checker);
}

test('lib and local types resolve in the lean program', () => {
  assert.equal(unresolvedIn('interface P { x: number }\nexport function f(a: number, m: Map<string, P[]>, d: Date) { return [a, m, d]; }'), false);
});

test('a type from @types/node does not, so the planner falls back to the full program', () => {
  assert.equal(unresolvedIn('export function f(b: Buffer, s: string) { return [b, s]; }'), true);
  assert.equal(unresolvedIn('export function f(xs: Array<NodeJS.ReadableStream>) { return xs; }'), true);
});
