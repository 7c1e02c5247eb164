// Finds the workspace a file belongs to when no editor tells us (the CLI).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MARKERS = ['.perflens', 'tsconfig.json', 'package.json', '.git'];

/** The nearest ancestor directory of `file` holding a project marker, else the file's directory. */
export function findWorkspaceRoot(file: string): string {
  const start = dirname(resolve(file));
  for (let dir = start; ; dir = dirname(dir)) {
    if (MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
