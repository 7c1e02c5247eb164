// Two upstream rules without their common false positives: detect-non-literal-fs-filename on a path assembled
// with path.join/resolve, and no-insecure-random on a random delay (retry jitter, back-off); the real cases stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSecurity } from '../../../server/src/analyze/security';

const rule = (text: string, id: string) => lintSecurity('/tmp/refined.ts', text).filter((f) => f.ruleId === id);
const FS = 'security/detect-non-literal-fs-filename';
const RANDOM = '@microsoft/sdl/no-insecure-random';

test('fs with path.join(dir, name) or path.resolve is not reported; fs with a bare caller path still is', () => {
  const text = `import * as fs from 'node:fs';
import * as path from 'node:path';
import { join } from 'node:path';
export function load(dir: string, name: string) {
  const a = fs.readFileSync(path.join(dir, name), 'utf8');
  const b = fs.readFileSync(join(dir, 'fixed.json'), 'utf8');
  const c = fs.existsSync(path.resolve(dir, name));
  return a + b + c;
}
export function loadAnything(file: string) {
  return fs.readFileSync(file, 'utf8');
}
`;
  const found = rule(text, FS);
  assert.deepEqual(found.map((f) => f.line), [11]);
});

test('Math.random in retry jitter, back-off and timers is not reported', () => {
  const text = `export async function retry<T>(run: () => Promise<T>, attempts: number, baseMs: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt + 1 >= attempts) throw err;
      const jitter = Math.random() * baseMs;
      const delayMs = baseMs * 2 ** attempt + Math.floor(Math.random() * 100);
      await new Promise((r) => setTimeout(r, baseMs + Math.random() * 50));
      await new Promise((r) => setTimeout(r, jitter + delayMs));
    }
  }
}
export const backoff = (n: number) => 100 * 2 ** n * (0.5 + Math.random());
`;
  assert.deepEqual(rule(text, RANDOM), []);
});

test('Math.random for an id or a token is still reported', () => {
  const text = `export function sessionId(): string {
  const token = Math.random().toString(36).slice(2);
  return token;
}
export function pickWinner(n: number): number {
  return Math.floor(Math.random() * n);
}
`;
  assert.deepEqual(rule(text, RANDOM).map((f) => f.line), [2, 6]);
});
