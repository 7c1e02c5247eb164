// mapProfile on a real esbuild bundle and a hand-made raw profile: ticks on a bundle line land on the
// user's original line, packages and Node group per package, GC is its own callee, shares add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandboxDir, prepareBundle, removeSandboxDir } from '../../../server/src/profile/sandbox/prepare';
import { mapProfile, packageOf } from '../../../server/src/profile/lines/map';
import type { RawProfile } from '../../../server/src/profile/lines/types';
import { FIXTURES, markedLine } from './markers';

test('ticks and bytes map to original lines; outside code groups per package', async () => {
  const file = join(FIXTURES, 'compare.ts');
  const text = readFileSync(file, 'utf8');
  const dir = await createSandboxDir();
  try {
    const prepared = await prepareBundle({ file, text, qualifiedName: 'summarize', sandboxDir: dir });
    assert.ok(prepared.ok);
    const b = prepared.bundle;
    const bundleText = readFileSync(b.bundlePath, 'utf8');
    const bundleLines = bundleText.split('\n');
    const genLine = (needle: string): number => bundleLines.findIndex((l) => l.includes(needle)) + 1;
    const added = genLine('JSON.stringify(xs)');
    const loop = genLine('for (const x of xs)');
    const fnLine = genLine('function summarize') - 1;
    assert.ok(added > 0 && loop > 0 && fnLine >= 0, 'the bundle keeps the statements');
    const raw: RawProfile = {
      intervalUs: 40,
      totalTicks: 1000,
      gcTicks: 100,
      allocCalls: 10,
      frames: [
        { url: b.bundlePath, name: 'summarize', line: fnLine, column: 0, selfTicks: 700, lineTicks: [[added, 600], [loop, 100]], allocBytes: 7000 },
        { url: 'node:internal/util', name: 'x', line: 1, column: 0, selfTicks: 100, lineTicks: [], allocBytes: 0 },
        { url: 'file:///w/node_modules/@scope/pkg/index.js', name: 'y', line: 1, column: 0, selfTicks: 100, lineTicks: [], allocBytes: 0 },
      ],
    };
    const p = mapProfile(raw, { bundlePath: b.bundlePath, bundleText, sourceFile: b.sourceFile, sourceText: b.text, target: { name: 'summarize', startLine: b.fn.range.start.line + 1, endLine: b.fn.range.end.line + 1 } }, 2000);
    assert.equal(p.ticks, 1000);
    const [first, second] = p.lines;
    assert.equal(first!.line, markedLine(file, '// ADDED', 'summarize'));
    assert.equal(first!.file, file);
    assert.equal(first!.selfPct, 60);
    assert.equal(first!.selfNsPerCall, 1200);
    assert.equal(first!.allocBytesPerCall, 600); // 6/7 of 7,000 bytes over 10 calls
    assert.equal(first!.function, 'summarize');
    assert.match(first!.text, /^check \^= JSON\.stringify\(xs\)\.length;/);
    assert.equal(second!.selfPct, 10);
    assert.deepEqual(
      p.callees.map((c) => [c.name, c.package, c.selfPct]),
      [
        ['node', 'node', 10],
        ['@scope/pkg', '@scope/pkg', 10],
        ['(garbage collector)', undefined, 10],
      ],
    );
  } finally {
    await removeSandboxDir(dir);
  }
});

test('packageOf reads plain and scoped package names', () => {
  assert.equal(packageOf('/w/node_modules/lodash/index.js'), 'lodash');
  assert.equal(packageOf('/w/node_modules/a/node_modules/@s/b/x.js'), '@s/b');
  assert.equal(packageOf('/w/src/x.ts'), undefined);
});
