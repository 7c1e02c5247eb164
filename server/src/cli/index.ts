// The `perflens` command router: parses argv with node:util, prints help, maps errors to exit codes.
// It loads a command's module (and with it the engine) only to run it or show its options: the global
// help and the version come from this file and command.ts alone.
import { parseArgs } from 'node:util';
import { COMMAND_SUMMARIES, ExitCode, isUsageError, UsageError, type CliCommand, type CliContext, type CliIO, type CliOption, type CommandName } from './command';
import { CANCELLED_EXIT, onCancelSignal } from '../processGuard';

/** Loads one subcommand: at first use, so the global help stays fast (dist/cli-core.js when bundled). */
export function loadCommand(name: CommandName): CliCommand {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { commands } = require('./commands') as typeof import('./commands');
  return commands[name];
}

const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMAND_SUMMARIES, name);

const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  cwd: process.cwd(),
  env: process.env,
};

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return ExitCode.ok;
  }
  if (!isCommandName(name)) {
    io.err(`perflens: unknown command "${name}". Run "perflens --help" for the list.`);
    return ExitCode.usage;
  }
  const command = loadCommand(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return ExitCode.ok;
  }
  const controller = new AbortController();
  let cancelledBy: 'SIGINT' | 'SIGTERM' | undefined;
  // A signal cancels the run (children killed, temp dirs removed) and exits 130/143, never as an internal error.
  const removeCancel = onCancelSignal((signal) => {
    cancelledBy = signal;
    controller.abort();
  });
  try {
    const parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(command.options).map(([key, o]) => [
          key,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    const { min, max } = command.positionals;
    if (parsed.positionals.length < min || (max !== undefined && parsed.positionals.length > max)) {
      throw new UsageError(`expected ${command.positionals.names}`);
    }
    const values = parsed.values as CliContext['values'];
    return await command.run({ positionals: parsed.positionals, values, io, signal: controller.signal });
  } catch (err) {
    if (isUsageError(err) || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`perflens ${command.name}: ${(err as Error).message}\nusage: ${command.usage}`);
      return ExitCode.usage;
    }
    if (cancelledBy && (err as Error).name === 'AbortError') {
      io.err(`perflens ${command.name}: cancelled by ${cancelledBy}`);
      return CANCELLED_EXIT[cancelledBy];
    }
    throw err;
  } finally {
    removeCancel();
  }
}

function version(): string {
  // The bundle sits in dist/, the manifest one level up; from sources (tests) two levels up.
  for (const rel of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(require('node:path').join(__dirname, rel)) as { name?: string; version?: string };
      if (pkg.name === 'perflens') return `perflens ${pkg.version}`;
    } catch {
      // try the next location
    }
  }
  return 'perflens (unknown version)';
}

function globalHelp(): string {
  const names = Object.keys(COMMAND_SUMMARIES) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  return [
    'perflens — benchmark, analyse and judge the performance of TypeScript/JavaScript functions',
    '',
    'usage: perflens <command> [options]',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMAND_SUMMARIES[n]}`),
    '',
    'Run "perflens <command> --help" for a command\'s options.',
    'Exit codes: 0 ok, 1 a failed result (error, REJECT), 2 bad usage or missing file/function (check: REVIEW).',
  ].join('\n');
}

/** The help text of one command, built from its option table so it never drifts from the parser. */
export function commandHelp(command: CliCommand): string {
  const flag = (key: string, o: CliOption) =>
    `${o.short ? `-${o.short}, ` : ''}--${key}${o.type === 'string' ? ` ${o.valueName ?? '<value>'}` : ''}`;
  const entries = Object.entries(command.options);
  const width = Math.max(10, ...entries.map(([k, o]) => flag(k, o).length));
  return [
    `usage: ${command.usage}`,
    '',
    COMMAND_SUMMARIES[command.name],
    ...(command.details ? ['', command.details] : []),
    '',
    'options:',
    ...entries.map(([k, o]) => `  ${flag(k, o).padEnd(width)}  ${o.description}`),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
  ].join('\n');
}
