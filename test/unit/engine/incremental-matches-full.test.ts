// Incremental re-analysis after an edit must give exactly what a full analysis of the new text gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, type FileAnalysis } from '../../../server/src/engine';
import { mulberry32 } from '../../../server/src/stats/random';

const root = join(__dirname, '../../..');
const files = ['examples/demo/src/sort.ts', 'examples/demo/src/text.ts', 'examples/demo/src/users.ts'].map((f) => join(root, f));

/** A seeded PRNG so failures reproduce. */
const rng = mulberry32;

type Edit = (text: string, r: () => number) => string;
const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
const pick = <T>(xs: T[], r: () => number) => xs[Math.floor(r() * xs.length)]!;

const edits: Edit[] = [
  // a statement inside some body (may land outside a function: still valid TS)
  (t, r) => {
    const at = pick(lineStarts(t), r);
    return t.slice(0, at) + '  void 0;\n' + t.slice(at);
  },
  // a new function between lines (sometimes inside another: then it is nested)
  (t, r) => {
    const at = pick(lineStarts(t), r);
    return t.slice(0, at) + `function added${Math.floor(r() * 1e6)}(x: number) { if (x > 1) { return x; } return 0; }\n` + t.slice(at);
  },
  // delete a line (often breaks the syntax: exercises the fallback)
  (t, r) => {
    const starts = lineStarts(t);
    const i = Math.floor(r() * (starts.length - 1));
    return t.slice(0, starts[i]) + t.slice(starts[i + 1]);
  },
  // change a number or an operator in place
  (t, r) => {
    const at = Math.floor(r() * t.length);
    const m = /[0-9]|&&|\+/.exec(t.slice(at));
    if (!m) return t + '\n';
    const i = at + m.index;
    const repl = m[0] === '&&' ? '||' : m[0] === '+' ? '-' : String((Number(m[0]) + 1) % 10);
    return t.slice(0, i) + repl + t.slice(i + m[0].length);
  },
  // a module-level eval: a security finding outside functions
  (t, r) => t + `\nexport const risky${Math.floor(r() * 1e6)} = (s: string) => eval(s);\n`,
];

const comparable = (a: FileAnalysis) => ({
  functions: a.functions.map((f) => ({ fn: f.fn, complexity: f.complexity, security: f.security })),
  moduleSecurity: a.moduleSecurity,
  syntaxErrors: a.syntaxErrors,
});

test('after each random edit, incremental results equal a full analysis', async () => {
  const r = rng(20261128);
  let incrementalRuns = 0;
  let total = 0;
  for (const file of files) {
    const editor = new Engine({ workspaceRoot: root });
    let text = readFileSync(file, 'utf8');
    await editor.analyze(file, text, { typeCheck: false });
    for (let step = 0; step < 25; step++) {
      const before = text;
      text = pick(edits, r)(text, r);
      const inc = await editor.analyze(file, text, { typeCheck: false });
      const fresh = await new Engine({ workspaceRoot: root }).analyze(file, text, { typeCheck: false });
      assert.equal(fresh.incremental, false);
      assert.deepEqual(comparable(inc), comparable(fresh), `${file}, edit ${step}`);
      if (inc.incremental) incrementalRuns++;
      total++;
      // Like a user, undo an edit that broke the syntax; the undo is the next analysed edit.
      if (fresh.syntaxErrors.length > 0) text = before;
    }
  }
  // The comparison is only meaningful if the incremental path actually ran most of the time.
  assert.ok(incrementalRuns > total / 3, `incremental on ${incrementalRuns} of ${total} edits`);
});
