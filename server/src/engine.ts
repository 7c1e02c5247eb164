// The engine facade: the one place the language server and the CLI call. It composes locate,
// analyze, profile, history and verdict; it knows nothing about which editor (if any) called it.
import { innermostAt } from './locate/locate';
import type { LocatedFunction, SyntaxProblem } from './locate/types';
import type { ComplexityMetrics } from './analyze/complexity';
import type { SecurityFinding, SecurityOptions } from './analyze/security';
import { checkTypes, type TypeErrorFinding } from './analyze/correctness';
import { analyzeStatic, type Guard, type StaticSnapshot } from './analyze/incremental';

/** Static-analysis settings; every field has a default. */
export interface AnalyzeSettings {
  security?: SecurityOptions;
  /** Run the TypeScript checker (the slowest part). Default true. */
  typeCheck?: boolean;
}

/** Correctness of one function: it parsed, and the type errors inside its range. */
export interface Correctness {
  syntaxValid: boolean;
  typeErrors: TypeErrorFinding[];
}

/** Everything static analysis knows about one function. */
export interface FunctionAnalysis {
  fn: LocatedFunction;
  complexity: ComplexityMetrics;
  security: SecurityFinding[];
  correctness: Correctness;
}

/** Static analysis of a whole file. */
export interface FileAnalysis {
  file: string;
  functions: FunctionAnalysis[];
  syntaxErrors: SyntaxProblem[];
  /** Findings outside every function (module scope). */
  moduleSecurity: SecurityFinding[];
  moduleTypeErrors: TypeErrorFinding[];
  /** An analyser that failed on this input: the rest of the report is still valid. */
  problems: string[];
  /** True when only the statements an edit touched were re-parsed. */
  incremental: boolean;
}

/** How many files' parse results the engine keeps for incremental re-analysis. */
const SNAPSHOT_LIMIT = 64;

export interface EngineOptions {
  /** Root of the user's workspace: tsconfig lookup, `.perflens/` data, history DB. */
  workspaceRoot?: string;
  log?: (line: string) => void;
}

/** The PerfLens engine for one workspace. */
export class Engine {
  readonly workspaceRoot: string | undefined;
  private readonly log: (line: string) => void;
  private readonly snapshots = new Map<string, StaticSnapshot>();

  constructor(options: EngineOptions = {}) {
    this.workspaceRoot = options.workspaceRoot;
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Locates every function of `text` (the content of `file`, saved or not) and analyses each.
   * Never throws for bad input: syntax errors and analyser failures come back in the result.
   * Yields to the event loop between phases so an editor's messages are not held up.
   */
  async analyze(file: string, text: string, settings: AnalyzeSettings = {}): Promise<FileAnalysis> {
    const problems: string[] = [];
    const guard: Guard = (what, run, fallback) => this.guard(problems, what, run, fallback);
    const result = analyzeStatic(file, text, this.snapshots.get(file), settings.security ?? {}, guard);
    this.remember(file, result.snapshot);

    const analyses: FunctionAnalysis[] = result.functions.map((f) => ({
      ...f,
      security: [...f.security],
      correctness: { syntaxValid: true, typeErrors: [] },
    }));
    const byName = new Map(analyses.map((a) => [a.fn.qualifiedName, a]));
    const functions = analyses.map((a) => a.fn);

    const moduleTypeErrors: TypeErrorFinding[] = [];
    if (settings.typeCheck !== false) {
      await yieldToEventLoop();
      const typeErrors = guard('type check', () => checkTypes(file, text, { workspaceRoot: this.workspaceRoot }), []);
      for (const e of typeErrors) {
        const owner = innermostAt(functions, e.offset);
        (owner ? byName.get(owner.qualifiedName)!.correctness.typeErrors : moduleTypeErrors).push(e);
      }
    }
    return {
      file,
      functions: analyses,
      syntaxErrors: result.syntaxErrors,
      moduleSecurity: result.moduleSecurity,
      moduleTypeErrors,
      problems,
      incremental: result.incremental,
    };
  }

  /** Forgets what was kept of a file (closed in the editor, deleted). */
  forget(file: string): void {
    this.snapshots.delete(file);
  }

  private remember(file: string, snapshot: StaticSnapshot): void {
    this.snapshots.delete(file);
    this.snapshots.set(file, snapshot);
    if (this.snapshots.size > SNAPSHOT_LIMIT) this.snapshots.delete(this.snapshots.keys().next().value!);
  }

  /** Runs one analyser; its failure is reported, never thrown, so one bug cannot hide the rest. */
  private guard<T>(problems: string[], what: string, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (err) {
      const message = `${what} failed: ${err instanceof Error ? err.message : String(err)}`;
      problems.push(message);
      this.log(message);
      return fallback;
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
