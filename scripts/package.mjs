// `npm run package`: the production bundles, then `vsce package` (extra arguments such as `--out x.vsix`
// pass through), then the .vsix's file count and size beside the targets (≤ 1,500 files, ≤ 20 MB).
import { spawnSync } from 'node:child_process';
import { openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const TARGET_FILES = 1500;
const TARGET_MB = 20;

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs', '--production']);
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = resolve(outAt >= 0 ? args[outAt + 1] : `${name}-${version}.vsix`);
run(resolve('node_modules/.bin/vsce'), ['package', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', ...args]);

const bytes = statSync(vsix).size;
const files = zipEntryCount(vsix);
const mb = bytes / 1024 / 1024;
console.log(`\n.vsix ${vsix}`);
console.log(`  files  ${String(files).padStart(8)}   target ≤ ${TARGET_FILES.toLocaleString('en-US')}   ${files <= TARGET_FILES ? 'ok' : 'OVER'}`);
console.log(`  size   ${mb.toFixed(2).padStart(5)} MB   target ≤ ${TARGET_MB} MB       ${mb <= TARGET_MB ? 'ok' : 'OVER'}`);

/** Entries of a zip file, from its end-of-central-directory record (a .vsix is a zip; no zip library needed for a count). */
function zipEntryCount(file) {
  const size = statSync(file).size;
  const length = Math.min(size, 22 + 0xffff);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  for (let i = length - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) return buf.readUInt16LE(i + 10);
  throw new Error(`${file} is not a zip file`);
}
