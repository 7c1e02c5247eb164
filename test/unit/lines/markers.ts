// Test helper (not a test): finds the line a fixture marks with a comment (`// HOT`, `// ADDED`), so
// fixtures can be edited without renumbering the tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { locateFunctions } from '../../../server/src/locate/locate';

export const FIXTURES = resolve(__dirname, '../../fixtures/lines');

/** 1-based line of `marker` inside `qualifiedName` of `file` (or anywhere in `file` without a name). */
export function markedLine(file: string, marker: string, qualifiedName?: string): number {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let from = 0;
  let to = lines.length - 1;
  if (qualifiedName) {
    const fn = locateFunctions(file, text).functions.find((f) => f.qualifiedName === qualifiedName);
    if (!fn) throw new Error(`no ${qualifiedName} in ${file}`);
    from = fn.range.start.line;
    to = fn.range.end.line;
  }
  for (let i = from; i <= to; i++) if (lines[i]!.includes(marker)) return i + 1;
  throw new Error(`no ${marker} line in ${qualifiedName ?? file}`);
}
