// What the corpus scripts share: where lodash-es lives, how to find the module that defines each of its
// exports (following re-exports, wrapping factory-made ones), and how to group failures by cause.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { locateFunctions } from '../server/src/locate/locate';

export const ROOT = resolve(__dirname, '..');
export const LODASH = join(ROOT, 'node_modules', 'lodash-es');
/** Export name → module file, from the package entry (`wrapperCommit` lives in `commit.js`). */
const EXPORT_FILES = new Map([...readFileSync(join(LODASH, 'lodash.js'), 'utf8').matchAll(/export \{ default as (\w+) \} from '\.\/([\w.]+)'/g)].map((m) => [m[1], m[2]]));

export interface Target {
  name: string;
  file: string;
  qualifiedName: string;
  how: 'direct' | 'alias' | 'wrapper';
}

export interface Outcome {
  name: string;
  how: Target['how'];
  ok: boolean;
  cause?: string;
  detail?: string;
  ms: number;
}

export function arg(flag: string): string | undefined {
  const k = process.argv.indexOf(flag);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

/** Finds where export `name` is defined as a function the locator sees, following re-exports. */
export function findTarget(name: string, shimDir: string): Target | { name: string; cause: string } {
  let file = join(LODASH, EXPORT_FILES.get(name) ?? `${name}.js`);
  let how: Target['how'] = 'direct';
  if (!existsSync(file)) return { name, cause: 'no module file of that name (defined inside another module)' };
  for (let hops = 0; hops < 3; hops++) {
    const text = readFileSync(file, 'utf8');
    const located = locateFunctions(file, text).functions;
    const defaultName = /^export default (\w+);?\s*$/m.exec(text)?.[1];
    const fn = located.find((f) => f.qualifiedName === (defaultName ?? name));
    if (fn) return { name, file, qualifiedName: fn.qualifiedName, how };
    const reexport = /export \{ default \} from '(\.\/[\w.]+)'/.exec(text);
    if (reexport) {
      file = join(dirname(file), reexport[1]);
      how = 'alias';
      continue;
    }
    if (defaultName) return { name, ...writeWrapper(name, file, text, defaultName, shimDir), how: 'wrapper' };
    break;
  }
  return { name, cause: 'no function found in its module' };
}

/** A module exporting `function <name>(<params from JSDoc>) { return impl(...) }`, with the export's JSDoc. */
function writeWrapper(name: string, implFile: string, text: string, local: string, shimDir: string): { file: string; qualifiedName: string } {
  const decl = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*?\\*/)\\s*var ${local} =`).exec(text);
  const doc = decl?.[1] ?? '/** */';
  const params: string[] = [];
  const tags = [...doc.matchAll(/@param \{([^}]*)\} \[?([\w$]+)/g)];
  // Only the last parameter can be a rest parameter (lodash documents `(array, ...values, iteratee)`).
  tags.forEach((m, k) => params.push(m[1].startsWith('...') && k === tags.length - 1 ? `...${m[2]}` : m[2]));
  const list = params.join(', ');
  const call = params.join(', ');
  const file = join(shimDir, `${name}.js`);
  writeFileSync(file, `import impl from ${JSON.stringify(implFile)};\n\n${doc}\nexport function ${name}(${list}) {\n  return impl(${call});\n}\n`);
  return { file, qualifiedName: name };
}

/** Normalises an error message into a cause: kind plus the message without the function's names, quotes, numbers and paths. */
export function causeOf(kind: string, message: string, names: string[]): string {
  // The harness says "<fn> threw for every one of 16 inputs; first: TypeError: ..."; the error is the cause.
  const first = (message.split('; first: ')[1] ?? message).split(/\n|; give /)[0];
  let text = first
    .replace(/\/[^\s:'"]+/g, '<path>')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '<x>')
    .replace(/\b\d+(\.\d+)?\b/g, '<n>');
  for (const n of names) text = text.split(n).join('<fn>');
  return `${kind}: ${text.slice(0, 110)}`;
}

/** Runs `fn` on every item, at most `concurrency` at a time (each run mostly waits on a sandbox child). */
export async function eachConcurrently<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Prints the failures grouped by cause, the largest group first: `  12  <cause>` and the names under it. */
export function printFailuresByCause(failures: ReadonlyArray<{ cause?: string; name: string }>): void {
  const groups = new Map<string, string[]>();
  for (const f of failures) groups.set(f.cause ?? 'unknown', [...(groups.get(f.cause ?? 'unknown') ?? []), f.name]);
  console.log(`failures by cause (${failures.length}):`);
  for (const [cause, names] of [...groups].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${String(names.length).padStart(3)}  ${cause}\n       ${names.sort().join(', ')}`);
}
