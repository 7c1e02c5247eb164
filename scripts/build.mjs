// Bundles every entry point with esbuild. Type-checking is separate (`npm run typecheck`), as esbuild only strips types.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Native or self-locating packages stay outside the bundle and ship in node_modules. */
const external = [
  'vscode',
  'better-sqlite3',
  'typescript',
  'eslint',
  'eslint-plugin-security',
  '@microsoft/eslint-plugin-sdl',
  '@typescript-eslint/parser',
  'typhonjs-escomplex',
  'esbuild',
];

const entries = [
  { in: 'server/src/cli.ts', out: 'cli' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/profile/sandbox/child.ts', out: 'sandbox-child' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(e.in));

const ctx = await esbuild.context({
  entryPoints: entries,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: !production,
  minify: production,
  external,
  logLevel: 'warning',
});
if (watch) {
  await ctx.watch();
} else {
  await ctx.rebuild();
  await ctx.dispose();
}
