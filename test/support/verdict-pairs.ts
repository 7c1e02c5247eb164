// The verdict fixture: realistic change pairs under test/fixtures/verdicts/<name>/ (old.ts, new.ts, case.json with
// the function, its commit messages or note, and the verdicts a careful reviewer would accept). Loaded with the
// engine's real static analysis, so tests and `npm run bench:verdicts` judge exactly what `compare` would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, type FunctionAnalysis } from '../../server/src/engine';
import { staticSummary } from '../../server/src/engine/compare';
import { changeIntent, moduleDeclarationsUsed } from '../../server/src/verdict/context';
import type { Recommendation, VerdictInput } from '../../server/src/verdict/types';

/** Where the pairs live. */
export const PAIRS_DIR = join(__dirname, '..', 'fixtures', 'verdicts');

/** What case.json holds. */
export interface PairCase {
  function: string;
  /** What kind of change it is, in a reviewer's words (accidental quadratic, justified fix, neutral rewrite...). */
  kind: string;
  commits?: string[];
  note?: string;
  /** The verdicts a careful reviewer would sign. */
  expected: Recommendation[];
}

/** One loaded pair. */
export interface Pair {
  name: string;
  dir: string;
  case: PairCase;
  oldFile: string;
  newFile: string;
  oldText: string;
  newText: string;
  old: FunctionAnalysis;
  now: FunctionAnalysis;
  /** Everything a verdict input needs but the measurements. */
  base: Omit<VerdictInput, 'time'>;
}

/** Names of every pair, sorted. */
export function pairNames(): string[] {
  return readdirSync(PAIRS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Loads and statically analyses one pair (no type check: the fixture is about verdicts). */
export async function loadPair(name: string, engine = new Engine()): Promise<Pair> {
  const dir = join(PAIRS_DIR, name);
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as PairCase;
  const oldFile = join(dir, 'old.ts');
  const newFile = join(dir, 'new.ts');
  const oldText = readFileSync(oldFile, 'utf8');
  const newText = readFileSync(newFile, 'utf8');
  const find = async (file: string, text: string) => {
    const fn = (await engine.analyze(file, text, { typeCheck: false })).functions.find((f) => f.fn.qualifiedName === c.function);
    if (!fn) throw new Error(`${name}: ${c.function} not found in ${file}`);
    return fn;
  };
  const old = await find(oldFile, oldText);
  const now = await find(newFile, newText);
  const oldSource = oldText.slice(old.fn.start, old.fn.end);
  const newSource = newText.slice(now.fn.start, now.fn.end);
  return {
    name,
    dir,
    case: c,
    oldFile,
    newFile,
    oldText,
    newText,
    old,
    now,
    base: {
      functionName: c.function,
      before: staticSummary(old),
      after: staticSummary(now),
      oldSource,
      newSource,
      codeUnchanged: old.fn.hash === now.fn.hash,
      intent: changeIntent({ text: oldText, fn: old.fn }, { text: newText, fn: now.fn }, { ...(c.commits ? { commits: c.commits } : {}), ...(c.note ? { note: c.note } : {}) }),
      moduleDeclarations: moduleDeclarationsUsed(newText, newFile, [oldSource, newSource], now.fn),
    },
  };
}
