// Ranges are LSP positions (0-based line and character) and offsets slice the declaration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { innermostAt, locateFunctions } from '../../../server/src/locate/locate';

const text = `import x from 'y';

export const double = (n: number) => {
  const inner = () => n * 2;
  return inner();
};
`;

test('range and nameRange are 0-based LSP positions', () => {
  const [double] = locateFunctions('/virtual/r.ts', text).functions;
  assert.deepEqual(double!.range.start, { line: 2, character: 0 });
  assert.deepEqual(double!.range.end, { line: 5, character: 2 });
  assert.deepEqual(double!.nameRange.start, { line: 2, character: 13 });
  assert.equal(text.slice(double!.start, double!.end).split('\n')[0], 'export const double = (n: number) => {');
  assert.equal(text.slice(double!.nodeStart, double!.nodeStart + 1), '(');
});

test('innermostAt picks the nested function for an offset inside it', () => {
  const { functions } = locateFunctions('/virtual/r.ts', text);
  const offset = text.indexOf('n * 2');
  assert.equal(innermostAt(functions, offset)?.qualifiedName, 'double.inner');
  assert.equal(innermostAt(functions, text.indexOf('return inner'))?.qualifiedName, 'double');
  assert.equal(innermostAt(functions, 0), undefined);
});
