// Editing a workspace's tsconfig.json takes effect on the next check (the warm checker is rebuilt).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkTypes, disposeTypeCheckers } from '../../../server/src/analyze/correctness';

const root = mkdtempSync(path.join(tmpdir(), 'perflens-tsconfig-'));
after(() => {
  disposeTypeCheckers();
  rmSync(root, { recursive: true, force: true });
});

const writeConfig = (strict: boolean, mtimeSeconds: number) => {
  const file = path.join(root, 'tsconfig.json');
  writeFileSync(file, JSON.stringify({ compilerOptions: { strict, types: [], noEmit: true } }));
  // Explicit mtimes: two writes within the file system's timestamp resolution must still differ.
  utimesSync(file, mtimeSeconds, mtimeSeconds);
};

test('turning strict on in tsconfig.json makes implicit any an error', () => {
  const file = path.join(root, 'scale.ts');
  const text = 'export function scale(values, factor: number) {\n  return values.map((v: number) => v * factor);\n}\n';
  writeConfig(false, 1_000_000);
  assert.deepEqual(checkTypes(file, text, { workspaceRoot: root }), []);
  writeConfig(true, 2_000_000);
  assert.deepEqual(checkTypes(file, text, { workspaceRoot: root }).map((f) => [f.code, f.line]), [[7006, 1]]);
});
