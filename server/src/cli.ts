// Entry point of the `perflens` command (bundled to dist/cli.js).
import { main } from './cli/index';
import { guardParentProcess } from './processGuard';

guardParentProcess();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`perflens: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
