// The shape of a `perflens` subcommand: its options, its help text, and what it runs.
// Each subcommand lives in its own file under cli/ and is registered in cli/commands.ts; its name and
// summary are listed here, so `perflens --help` prints them without loading any command.

/**
 * Every subcommand's one-line summary, in the order `perflens --help` lists them. Only this file and the
 * router go into dist/cli.js; the commands, and the engine behind them, are in dist/cli-core.js.
 */
export const COMMAND_SUMMARIES = {
  analyze: 'Static analysis of each function: complexity, security findings, type errors',
  bench: 'Benchmark one function with synthesized inputs in a sandbox: time, memory, growth',
  compare: 'Benchmark two versions of a function interleaved and judge the change',
  baseline: 'Set, show or clear the baseline versions that check and compare judge against',
  check: 'CI gate: judge every changed function against its baseline',
  lsp: 'Run the language server (lenses, hovers, diagnostics, commands) for any LSP client',
} as const;

/** The name of a subcommand. */
export type CommandName = keyof typeof COMMAND_SUMMARIES;

/** One option of a subcommand, in `node:util` parseArgs terms plus the help text. */
export interface CliOption {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  multiple?: boolean;
  /** Shown in help as the value's placeholder, e.g. `<ms>`. */
  valueName?: string;
}

/** Where a command writes, and what it may read from its environment. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** What a command receives after parsing. */
export interface CliContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  io: CliIO;
  /** Cancelled on SIGINT, so long runs kill their child processes. */
  signal: AbortSignal;
}

/** A subcommand. `run` returns the process exit code. */
export interface CliCommand {
  name: CommandName;
  /** `perflens analyze <file> [--function <name>] [--json]` */
  usage: string;
  /** Longer help: what it does, exit codes, examples. */
  details?: string;
  options: Record<string, CliOption>;
  positionals: { min: number; max?: number; names: string };
  run(ctx: CliContext): Promise<number>;
}

/** Thrown for bad usage; the router prints the message and the usage line, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Whether `err` is a {@link UsageError}. By name, not `instanceof`: the router (dist/cli.js) and the
 * commands (dist/cli-core.js) are separate bundles, each with its own copy of the class.
 */
export function isUsageError(err: unknown): err is UsageError {
  return err instanceof Error && err.name === 'UsageError';
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** A result that failed: a benchmark error, a REJECT verdict. */
  failed: 1,
  /** Bad usage, a missing file or function; `check` also uses 2 for REVIEW. */
  usage: 2,
} as const;

/** A string option's value, or undefined. */
export function stringOption(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A positive number option (such as `--budget 500`), or a UsageError. */
export function numberOption(ctx: CliContext, name: string): number | undefined {
  const raw = stringOption(ctx, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} needs a positive number, got "${raw}"`);
  return n;
}
