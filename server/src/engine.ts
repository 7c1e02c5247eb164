// The engine facade: the one place the language server and the CLI call. It composes locate,
// analyze, profile, history and verdict; it knows nothing about which editor (if any) called it.
import { parseFile } from './locate/parse';
import { innermostAt, locateNodes } from './locate/locate';
import type { LocatedFunction, SyntaxProblem } from './locate/types';
import { measureComplexity, type ComplexityMetrics } from './analyze/complexity';
import { lintSecurity, type SecurityFinding, type SecurityOptions } from './analyze/security';
import { checkTypes, type TypeErrorFinding } from './analyze/correctness';

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
}

export interface EngineOptions {
  /** Root of the user's workspace: tsconfig lookup, `.perflens/` data, history DB. */
  workspaceRoot?: string;
  log?: (line: string) => void;
}

/** The PerfLens engine for one workspace. */
export class Engine {
  readonly workspaceRoot: string | undefined;
  private readonly log: (line: string) => void;

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
    const parsed = parseFile(file, text);
    const located = locateNodes(parsed);
    const functions = located.map((l) => l.fn);

    const analyses: FunctionAnalysis[] = located.map((l) => ({
      fn: l.fn,
      complexity: this.guard(problems, `complexity of ${l.fn.qualifiedName}`, () => measureComplexity(parsed, l), emptyComplexity(l.fn)),
      security: [],
      correctness: { syntaxValid: true, typeErrors: [] },
    }));
    const byName = new Map(analyses.map((a) => [a.fn.qualifiedName, a]));
    await yieldToEventLoop();

    const findings = this.guard(problems, 'security lint', () => lintSecurity(file, text, settings.security), []);
    const moduleSecurity: SecurityFinding[] = [];
    for (const f of findings) {
      const owner = innermostAt(functions, f.offset);
      (owner ? byName.get(owner.qualifiedName)!.security : moduleSecurity).push(f);
    }
    await yieldToEventLoop();

    const moduleTypeErrors: TypeErrorFinding[] = [];
    if (settings.typeCheck !== false) {
      const typeErrors = this.guard(problems, 'type check', () => checkTypes(file, text, { workspaceRoot: this.workspaceRoot }), []);
      for (const e of typeErrors) {
        const owner = innermostAt(functions, e.offset);
        (owner ? byName.get(owner.qualifiedName)!.correctness.typeErrors : moduleTypeErrors).push(e);
      }
    }
    return { file, functions: analyses, syntaxErrors: parsed.syntaxErrors, moduleSecurity, moduleTypeErrors, problems };
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

function emptyComplexity(fn: LocatedFunction): ComplexityMetrics {
  return {
    cyclomatic: 0,
    cognitive: 0,
    halstead: { volume: 0, difficulty: 0, effort: 0, length: 0, vocabulary: 0, bugs: 0 },
    maintainability: 0,
    sloc: 0,
    params: fn.params.length,
    nesting: 0,
    grade: 'F',
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
