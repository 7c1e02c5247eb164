// Test helper: what ESLint's own rules say about each located function of a file, so the
// cross-check tests can compare our numbers with a well-kept reference implementation.
import { basename } from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { locateFunctions, innermostAt } from '../../../server/src/locate/locate';

/** Runs one ESLint rule with limit 0 (so it reports everywhere) and returns `[offset, number]` pairs. */
function reports(code: string, file: string, rule: string, pattern: RegExp): Array<[number, number]> {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tsParser },
        // Fixtures carry `eslint-disable` for the project's own lint; the reference must see everything.
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        rules: { [rule]: ['error', 0] },
      },
    ],
    { filename: basename(file) },
  );
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const out: Array<[number, number]> = [];
  for (const m of messages) {
    if (m.fatal) throw new Error(`ESLint could not parse ${file}: ${m.message}`);
    // Class field initializers and static blocks are ESLint's own pseudo-functions, not ours.
    if (/^Class (field initializer|static block)/.test(m.message)) continue;
    const found = pattern.exec(m.message);
    if (found) out.push([lineStarts[m.line - 1]! + m.column - 1, Number(found[1])]);
  }
  return out;
}

/**
 * ESLint `complexity` per located function. ESLint measures every function on its own; we fold
 * anonymous callbacks into their enclosing located function, so each callback adds its
 * decisions (its complexity minus its base 1) to the function that contains it.
 */
export function eslintCyclomatic(code: string, file: string): Map<string, number> {
  const { functions } = locateFunctions(file, code);
  const out = new Map(functions.map((f) => [f.qualifiedName, 1]));
  for (const [offset, complexity] of reports(code, file, 'complexity', /complexity of (\d+)/)) {
    const owner = innermostAt(functions, offset);
    if (owner) out.set(owner.qualifiedName, out.get(owner.qualifiedName)! + complexity - 1);
  }
  return out;
}

/** ESLint `max-depth` per located function: the deepest block it reports inside the function. */
export function eslintMaxDepth(code: string, file: string): Map<string, number> {
  const { functions } = locateFunctions(file, code);
  const out = new Map(functions.map((f) => [f.qualifiedName, 0]));
  for (const [offset, depth] of reports(code, file, 'max-depth', /nested too deeply \((\d+)\)/)) {
    const owner = innermostAt(functions, offset);
    if (owner) out.set(owner.qualifiedName, Math.max(out.get(owner.qualifiedName)!, depth));
  }
  return out;
}
