// Reads the `// expect: <tag>` comments of a security fixture, so tests compare against the
// fixture's own annotations instead of line numbers copied into the test.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Absolute path of a file under test/fixtures/security/. */
export function fixturePath(name: string): string {
  return path.join(__dirname, '..', '..', 'fixtures', 'security', name);
}

/** The fixture's text. */
export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** 1-based lines carrying `// expect: <tag>`, per tag. */
export function expectations(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  text.split('\n').forEach((line, i) => {
    const tag = /\/\/ expect: (.+)$/.exec(line)?.[1]?.trim();
    if (tag) out.set(tag, [...(out.get(tag) ?? []), i + 1]);
  });
  return out;
}
