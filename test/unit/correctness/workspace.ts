// Paths and `expect:` tags of the type-check fixture workspaces under test/fixtures/types/.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectations } from '../security/fixture-expectations';

/** The root folder of a fixture workspace. */
export function workspace(name: string): string {
  return path.join(__dirname, '..', '..', 'fixtures', 'types', name);
}

/** A file of a fixture workspace: its path, its text on disk, and its tagged lines per error code. */
export function fixtureFile(ws: string, rel: string): { file: string; text: string; expected: Map<string, number[]> } {
  const file = path.join(workspace(ws), rel);
  const text = readFileSync(file, 'utf8');
  return { file, text, expected: expectations(text) };
}
