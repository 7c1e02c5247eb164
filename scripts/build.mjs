// Bundles every entry point with esbuild. Type-checking is separate (`npm run typecheck`), as esbuild only strips types.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Native or self-locating packages stay outside the bundle and ship in node_modules; `vscode` is the host's. */
const external = ['vscode', ...JSON.parse(readFileSync(new URL('./externals.json', import.meta.url), 'utf8')).external];

const entries = [
  { in: 'server/src/cli.ts', out: 'cli' },
  { in: 'server/src/lsp/server.ts', out: 'server' },
  // The analysis worker thread's own entry: the server starts it next to itself (dist/analysisWorker.js).
  { in: 'server/src/lsp/analysisWorker.ts', out: 'analysisWorker' },
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
// The history panel's page runs in the webview (a browser): its own bundle, with uPlot inside, under
// media/dist/ because the webview may load files from media/ only. uPlot's stylesheet is copied next to it.
const webviewCtx = await esbuild.context({
  entryPoints: [{ in: 'client/src/panel/webview/main.ts', out: 'panel' }],
  bundle: true,
  platform: 'browser',
  target: 'chrome114',
  format: 'iife',
  outdir: 'media/dist',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});
mkdirSync('media/dist', { recursive: true });
copyFileSync('node_modules/uplot/dist/uPlot.min.css', 'media/dist/uPlot.min.css');

if (watch) {
  await ctx.watch();
  await webviewCtx.watch();
} else {
  await ctx.rebuild();
  await ctx.dispose();
  await webviewCtx.rebuild();
  await webviewCtx.dispose();
}
