// Bundles every entry point with esbuild. Type-checking is separate (`npm run typecheck`), as esbuild only strips types.
// Everything pure-JS goes inside the bundles (TypeScript, ESLint and its plugins, openai, the LSP libraries,
// better-sqlite3's JS); next to them in dist/ go only the files that cannot be bundled: TypeScript's
// lib.*.d.ts (it reads them from the folder of the running script) and better-sqlite3's native binary
// (dist/native/, one file per Node ABI; server/src/history/db.ts picks it or falls back to node:sqlite).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
// `npm pack` / `npm publish` run the `prepare` script: what users install gets the production bundles.
const production = process.argv.includes('--production') || ['pack', 'publish'].includes(process.env.npm_command ?? '');
const require = createRequire(import.meta.url);

/** Packages that must stay outside the bundles and ship in node_modules (esbuild: its JS runs a binary it locates itself); `vscode` is the host's. */
const shipped = JSON.parse(readFileSync(new URL('./externals.json', import.meta.url), 'utf8')).external;
/** Optional packages of bundled libraries on paths PerfLens never takes (ESLint loads jiti only for eslint.config.ts files; we pass the config). */
const neverLoaded = ['jiti', 'jiti/package.json'];
const external = ['vscode', ...shipped, ...neverLoaded];

/**
 * `perflens --help` must not parse the engine: dist/cli.js holds the router and the command tables, and
 * loads dist/cli-core.js (server/src/cli/commands.ts: the commands and the engine) only to run one.
 */
const lazyCore = {
  name: 'perflens-lazy-cli-core',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      args.importer.includes(join('server', 'src', 'cli')) ? { path: './cli-core.js', external: true } : undefined,
    );
  },
};

const entries = [
  { in: 'server/src/cli/commands.ts', out: 'cli-core' },
  { in: 'server/src/lsp/server.ts', out: 'server' },
  // The analysis worker thread's own entry: the server starts it next to itself (dist/analysisWorker.js).
  { in: 'server/src/lsp/analysisWorker.ts', out: 'analysisWorker' },
  // The run worker's (benchmarks and baselines, planned off the connection thread): dist/runWorker.js.
  { in: 'server/src/lsp/runWorker.ts', out: 'runWorker' },
  { in: 'server/src/profile/sandbox/child.ts', out: 'sandbox-child' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(e.in));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: !production,
  minify: production,
  external,
  // ESLint and TypeScript carry `require()`s of optional files they guard themselves; they stay runtime requires.
  logLevel: 'error',
};

const ctx = await esbuild.context({ ...common, entryPoints: entries });
const cliCtx = await esbuild.context({ ...common, entryPoints: [{ in: 'server/src/cli.ts', out: 'cli' }], plugins: [lazyCore] });
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
copyRuntimeFiles();

if (watch) {
  await ctx.watch();
  await cliCtx.watch();
  await webviewCtx.watch();
} else {
  for (const c of [ctx, cliCtx, webviewCtx]) {
    await c.rebuild();
    await c.dispose();
  }
  if (production) for (const f of readdirSync('dist')) if (f.endsWith('.js.map')) rmSync(join('dist', f));
}

/** TypeScript's default library files and better-sqlite3's binary for this Node, next to the bundles. */
function copyRuntimeFiles() {
  mkdirSync('dist/native', { recursive: true });
  const tsLib = join(require.resolve('typescript/package.json'), '..', 'lib');
  for (const f of readdirSync(tsLib)) if (/^lib\..*\.d\.ts$/.test(f)) copyFileSync(join(tsLib, f), join('dist', f));

  const binary = join(require.resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node');
  // The name server/src/history/db.ts (shippedBindingName) looks for.
  const name = `better_sqlite3-node${process.versions.modules}-${process.platform}-${process.arch}.node`;
  try {
    // Only a binary that loads into this Node is shipped under this Node's ABI name.
    require(binary);
    copyFileSync(binary, join('dist/native', name));
  } catch (err) {
    console.warn(`build: better-sqlite3's binary does not load in Node ${process.version} (${String(err.message).split('\n')[0]}); the bundles will use node:sqlite`);
  }
}
