// Our cyclomatic complexity equals typhonjs-escomplex's on the fixture forms that use only the
// constructs escomplex understands. (It misses `?.`, `??`, for-of, default parameters, logical
// assignment, optional catch bindings and some object/private methods, and takes ~0.5 s per file,
// so it is a reference here, never a run-time dependency.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../../server/src/locate/parse';
import { locateNodes } from '../../../server/src/locate/locate';
import { measureAll } from '../../../server/src/analyze/complexity';

// The library ships no types; this is the part of its report we read.
interface EscomplexMethod {
  lineStart: number;
  cyclomatic: number;
}
interface EscomplexReport {
  methods: EscomplexMethod[];
  classes: Array<{ methods: EscomplexMethod[] }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const escomplex = require('typhonjs-escomplex') as { analyzeModule(source: string): EscomplexReport };

/** Forms built from if / else / ternary / && / || / case / for / for-in / while / do only. */
const PLAIN_FORMS = [
  'add', 'default', 'range', 'sign', 'clamp01', 'countDown', 'letFn', 'digits',
  'Counter.step', 'Counter.factorial', 'Counter.get value', 'Counter.set value', 'Counter.report.line',
  'api.isPair', 'api.allowed', 'outer.inner', 'firstOr', 'Shape.describe', 'findPair', 'fib',
  'classify', 'grade', 'eligible', 'signName', 'module.exports.legacy',
];

test('cyclomatic equals typhonjs-escomplex on the forms it understands', () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'forms.ts');
  const text = readFileSync(file, 'utf8');
  const parsed = parseFile(file, text);
  const located = locateNodes(parsed);
  const ours = measureAll(parsed, located);

  const report = escomplex.analyzeModule(text);
  const byLine = new Map<number, number>();
  for (const m of [...report.methods, ...report.classes.flatMap((c) => c.methods)]) byLine.set(m.lineStart, m.cyclomatic);

  const compared = new Map<string, [number, number]>();
  located.forEach((l, i) => {
    if (!PLAIN_FORMS.includes(l.fn.qualifiedName)) return;
    // escomplex names a function by the line of its head: the declaration's or the node's own.
    const reference = byLine.get(l.fn.range.start.line + 1) ?? byLine.get(l.node.loc.start.line);
    compared.set(l.fn.qualifiedName, [ours[i]!.cyclomatic, reference ?? -1]);
  });
  assert.equal(compared.size, PLAIN_FORMS.length);
  for (const [name, [mine, theirs]] of compared) assert.equal(mine, theirs, name);
});
