// The shapes of located functions: what every other part of the engine (analysis, profiler,
// history, the language server) receives from the locator. Plain data, JSON-serialisable.

/** An LSP position: 0-based line, 0-based UTF-16 character offset. */
export interface Position {
  line: number;
  character: number;
}

/** An LSP range, end exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** What syntactic form a function has. */
export type FunctionKind =
  | 'declaration' // function f() {}
  | 'expression' // const f = function () {}
  | 'arrow' // const f = () => {}
  | 'method' // class C { m() {} }
  | 'constructor'
  | 'getter'
  | 'setter'
  | 'object-method' // { m() {} }
  | 'property'; // { p: () => {} } or class C { p = () => {} } or a.b = function () {}

/** One parameter as written in source. */
export interface ParamInfo {
  /** Identifier name, or the source text of a destructuring pattern. */
  name: string;
  /** Source text of the type annotation, when there is one. */
  typeText?: string;
  /** Source text of the default value, when there is one. */
  defaultText?: string;
  optional: boolean;
  rest: boolean;
}

/** A function found in a file. */
export interface LocatedFunction {
  /** The short name (`inner`, `method`, `default`). */
  name: string;
  /** Dotted path from the module scope: `Class.method`, `outer.inner`, `obj.method`, `default`. */
  qualifiedName: string;
  kind: FunctionKind;
  /** The whole declaration, including `export` and decorators. */
  range: Range;
  /** Where the name is written (for hovers); the function keyword or start when anonymous. */
  nameRange: Range;
  /** UTF-16 offsets into the file text of `range`. */
  start: number;
  end: number;
  /** Offsets of the function node itself (params and body), without `const x =` or `export`. */
  nodeStart: number;
  nodeEnd: number;
  /** Content hash of the declaration's tokens: ignores whitespace and comments. */
  hash: string;
  /** Content hash of parameters and body only: survives renames and moves. */
  bodyHash: string;
  async: boolean;
  generator: boolean;
  /** True when the module exports it (directly, by `export { x }`, or as a default export). */
  exported: boolean;
  /** For class members. */
  className?: string;
  static?: boolean;
  /** Qualified name of the enclosing located function, if nested. */
  parent?: string;
  params: ParamInfo[];
  /** The leading JSDoc block, without its delimiters, when there is one. */
  doc?: string;
}

/** A syntax error found while parsing. Lines are 0-based. */
export interface SyntaxProblem {
  message: string;
  line: number;
  character: number;
}

/** Everything the locator found in one file. */
export interface LocateResult {
  file: string;
  functions: LocatedFunction[];
  /** Empty when the file parsed cleanly. */
  syntaxErrors: SyntaxProblem[];
}
