// Finds the workspace a file belongs to when no editor tells us (the CLI).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MARKERS = ['.perflens', 'tsconfig.json', 'package.json', '.git'];
/** What makes a folder a project the CLI may create a history DB in (a stray `.perflens/` does not). */
const PROJECT_MARKERS = ['package.json', 'tsconfig.json', '.git'];

/** The nearest ancestor directory of `file` holding a project marker, else the file's directory. */
export function findWorkspaceRoot(file: string): string {
  const start = dirname(resolve(file));
  return nearestWith(MARKERS, start) ?? start;
}

/** The nearest directory at or above `dir` with a package.json, tsconfig.json or .git; undefined outside any project. */
export function findProjectRoot(dir: string): string | undefined {
  return nearestWith(PROJECT_MARKERS, resolve(dir));
}

function nearestWith(markers: string[], start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (markers.some((m) => existsSync(join(dir, m)))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
