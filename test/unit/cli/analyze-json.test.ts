// `perflens analyze <fixture> --json` (the built CLI, as a user runs it) lists every function with the
// documented fields and the hand-counted complexities of the fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const cli = join(root, 'bin/perflens.js');
const fixture = join(root, 'test/fixtures/forms.ts');
const expected = JSON.parse(readFileSync(join(root, 'test/fixtures/forms.expected.json'), 'utf8')) as Record<string, { cyclomatic: number; cognitive: number; nesting: number; params: number }>;

test('analyze --json lists every fixture function with the documented fields and hand counts', () => {
  const out = execFileSync(process.execPath, [cli, 'analyze', fixture, '--json'], { encoding: 'utf8' });
  const report = JSON.parse(out) as { file: string; functions: Record<string, unknown>[] };
  assert.equal(report.file, fixture);
  const names = report.functions.map((f) => f.qualifiedName as string);
  assert.deepEqual([...names].sort(), Object.keys(expected).sort());
  for (const f of report.functions) {
    for (const key of ['name', 'qualifiedName', 'range', 'hash', 'complexity', 'security', 'correctness']) assert.ok(key in f, `${String(f.qualifiedName)} has ${key}`);
    const c = f.complexity as Record<string, unknown>;
    for (const key of ['cyclomatic', 'cognitive', 'halstead', 'maintainability', 'sloc', 'params', 'nesting', 'grade']) assert.ok(key in c, key);
    for (const key of ['volume', 'difficulty', 'effort']) assert.equal(typeof (c.halstead as Record<string, unknown>)[key], 'number');
    const range = f.range as { start: { line: number; character: number }; end: { line: number; character: number } };
    assert.equal(typeof range.start.line, 'number');
    assert.equal(typeof range.end.character, 'number');
    const correctness = f.correctness as { syntaxValid: boolean; typeErrors: unknown[] };
    assert.equal(correctness.syntaxValid, true);
    assert.ok(Array.isArray(correctness.typeErrors));
    const want = expected[f.qualifiedName as string]!;
    assert.deepEqual({ cyclomatic: c.cyclomatic, cognitive: c.cognitive, nesting: c.nesting, params: c.params }, want, String(f.qualifiedName));
  }
});

test('analyze --function narrows the report to one function', () => {
  const out = execFileSync(process.execPath, [cli, 'analyze', fixture, '--json', '--function', Object.keys(expected)[0]!, '--no-types'], { encoding: 'utf8' });
  const report = JSON.parse(out) as { functions: { qualifiedName: string }[] };
  assert.deepEqual(report.functions.map((f) => f.qualifiedName), [Object.keys(expected)[0]]);
});
