// Inputs from the user's own code: the literal arguments of the function's calls in the workspace and
// its test files (found with TypeScript's find-references), scaled where they hold collections, and the
// types a generic parameter takes at those calls.

import ts from 'typescript';
import { readFileSync, statSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { sourceFiles } from '../../history/sources';
import { callsOf } from './checker';
import { literalRecipe, scaled } from './literals';
import type { ValueRecipe } from './recipe';

/** One call of the function: a recipe per argument it passes as a literal (undefined elsewhere), and whether it sits in a test. */
export interface CallSite {
  args: Array<ValueRecipe | undefined>;
  /** How many arguments the call passes (fewer than the parameters: the rest take their defaults). */
  count: number;
  test: boolean;
  /** Parameter types as instantiated at this call (generics bound), by parameter index. */
  types: Array<ts.Type | undefined>;
  checker: ts.TypeChecker;
  call: ts.CallExpression;
}

/** At most this many other files are added to the program to look for calls: it must stay quick. */
const MAX_CANDIDATES = 24;
const MAX_FILE_BYTES = 512 * 1024;
const TEST_FILE = /(^|[\\/])(test|tests|__tests__|spec|specs)[\\/]|\.(test|spec)\.[cm]?[jt]sx?$/;

const texts = new Map<string, { mtimeMs: number; text: string }>();

/** A file's text, read once per change. */
function textOf(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (st.size > MAX_FILE_BYTES) return undefined;
    const hit = texts.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.text;
    const text = readFileSync(file, 'utf8');
    texts.set(file, { mtimeMs: st.mtimeMs, text });
    return text;
  } catch {
    return undefined;
  }
}

const listed = new Map<string, { at: number; files: string[] }>();

/** The workspace's source files, listed at most every 10 s. */
function filesOf(root: string): string[] {
  const hit = listed.get(root);
  if (hit && Date.now() - hit.at < 10_000) return hit.files;
  const files = sourceFiles(root);
  listed.set(root, { at: Date.now(), files });
  return files;
}

/** The calls of `fnNode` (named `name`) in the workspace, test files first. Never throws. */
export function callSites(file: string, text: string, fnNode: ts.SignatureDeclaration, name: string, workspaceRoot: string | undefined): CallSite[] {
  if (!workspaceRoot || !/^[A-Za-z_$][\w$]*$/.test(name) || !fnNode.name) return [];
  try {
    // Files that import the function's module and call it by name (`name(` not preceded by `.`); methods
    // are found in the function's own file. Only these join the program: find-references must stay quick.
    const word = new RegExp(`(^|[^.\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`);
    const mod = basename(file).replace(/\.[cm]?[jt]sx?$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const imports = new RegExp(`(from\\s*|require\\(\\s*|import\\(\\s*)['"][^'"]*\\b${mod}(\\.[cm]?[jt]sx?)?['"]`);
    const candidates = filesOf(workspaceRoot)
      .filter((f) => {
        if (f === file) return false;
        const t = textOf(f);
        return t !== undefined && imports.test(t) && word.test(t);
      })
      .sort((a, b) => Number(TEST_FILE.test(relative(workspaceRoot, b))) - Number(TEST_FILE.test(relative(workspaceRoot, a))))
      .slice(0, MAX_CANDIDATES);
    const found = callsOf(file, text, workspaceRoot, fnNode.name.getStart(), candidates);
    if (!found) return [];
    const sites: CallSite[] = [];
    for (const call of found.calls) {
      const sig = found.checker.getResolvedSignature(call);
      sites.push({
        args: call.arguments.map((a) => (ts.isSpreadElement(a) ? undefined : literalRecipe(a, found.checker))).map((r) => (r ? scaled(r) : undefined)),
        count: call.arguments.length,
        test: TEST_FILE.test(relative(workspaceRoot, call.getSourceFile().fileName)),
        types: (sig?.getParameters() ?? []).map((p) => found.checker.getTypeOfSymbolAtLocation(p, call)),
        checker: found.checker,
        call,
      });
    }
    return sites.sort((a, b) => Number(b.test) - Number(a.test));
  } catch {
    return [];
  }
}
