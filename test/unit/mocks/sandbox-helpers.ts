// Shared by the mock tests: writes a CommonJS module into a fresh sandbox directory and requires it,
// as the sandbox child requires the user's bundle.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeSandbox(): { dir: string; load: (name: string, source: string) => any; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-mocks-'));
  return {
    dir,
    load(name, source) {
      const file = join(dir, name);
      writeFileSync(file, source);
      return require(file);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
