// The subcommands, by name. The router loads this module only to run a command or show its help: it is
// bundled apart (dist/cli-core.js) with the engine, so `perflens --help` never parses the engine.
import { analyzeCommand } from './analyze';
import { baselineCommand } from './baseline';
import { benchCommand } from './bench';
import { checkCommand } from './check';
import type { CliCommand, CommandName } from './command';
import { compareCommand } from './compare';
import { lspCommand } from './lsp';

/** Every subcommand; COMMAND_SUMMARIES (command.ts) lists the same names, and the type keeps them in step. */
export const commands: Record<CommandName, CliCommand> = {
  analyze: analyzeCommand,
  bench: benchCommand,
  compare: compareCommand,
  baseline: baselineCommand,
  check: checkCommand,
  lsp: lspCommand,
};
