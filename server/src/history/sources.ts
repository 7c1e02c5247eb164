// Which source files a path means for `baseline` and `check`: a file itself, or every TS/JS file under a folder
// (skipping dependencies, build output and PerfLens's own data).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSourceFile } from '../locate/parse';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'coverage', '.git', '.perflens', '.vscode-test']);

/** Absolute source files under `path` (the path itself when it is a file), sorted. Declaration files are skipped. */
export function sourceFiles(path: string): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isFile()) {
      if (isSourceFile(p)) out.push(p);
      return;
    }
    if (!st.isDirectory()) return;
    for (const name of readdirSync(p).sort()) {
      if (SKIP_DIRS.has(name)) continue;
      walk(join(p, name));
    }
  };
  walk(path);
  return out;
}

/** True when `path` is a directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
