// TypeScript diagnostics for one file as the editor holds it: a ts.LanguageService per tsconfig
// (or per folder with defaults), kept warm, with unsaved buffers laid over the disk.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** One TypeScript error in the checked file. */
export interface TypeErrorFinding {
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based character (UTF-16 units). */
  character: number;
  /** UTF-16 offset into the text passed to checkTypes. */
  offset: number;
  /** TypeScript's error code, e.g. 2322. */
  code: number;
}

/** Where to look for a tsconfig. */
export interface TypeCheckOptions {
  /**
   * The nearest tsconfig.json is searched from the file's folder up to this folder, inclusive;
   * without it, up to the nearest folder holding a package.json (else only the file's folder).
   * No tsconfig found: DEFAULT_OPTIONS, with this folder as the program's root.
   */
  workspaceRoot?: string;
}

/**
 * Compiler options when a workspace has no usable tsconfig: what `tsc --init` would pick for
 * modern code, with module resolution that accepts extensionless imports as bundlers do.
 */
export const DEFAULT_OPTIONS: Readonly<ts.CompilerOptions> = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  jsx: ts.JsxEmit.Preserve,
  noEmit: true,
};

const TS_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);
const JS_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs']);

/** An editor buffer that replaces the file on disk, with the version TypeScript compares. */
interface Overlay {
  text: string;
  version: number;
}

/** One warm LanguageService and everything it was built from. */
interface Checker {
  service: ts.LanguageService;
  options: ts.CompilerOptions;
  rootNames: Set<string>;
  /** The files the tsconfig itself lists; other roots were added by checkTypes calls. */
  configFiles: ReadonlySet<string>;
  overlays: Map<string, Overlay>;
  /** The tsconfig's mtime when it was read; a change rebuilds the checker. */
  configStamp?: number;
}

// Declarations of lib and @types files are shared by all services.
const registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames);
const checkers = new Map<string, Checker>();

/** TypeScript's spelling of a path: absolute, forward slashes. */
function normalize(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

function mtime(file: string): number | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

function isWithin(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder the search for a tsconfig stops at: the workspace root, else the package root. */
function searchRoot(file: string, workspaceRoot: string | undefined): string {
  if (workspaceRoot) return path.resolve(workspaceRoot);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (mtime(path.join(dir, 'package.json')) !== undefined) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}

/** The nearest tsconfig.json from the file's folder up to `stop`. */
function findConfig(file: string, stop: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (mtime(candidate) !== undefined) return candidate;
    const up = path.dirname(dir);
    if (dir === stop || up === dir || !isWithin(up, stop)) return undefined;
    dir = up;
  }
}

/** Options and files of a tsconfig; undefined when it cannot be read or is not valid JSON. */
function readConfig(configPath: string): { options: ts.CompilerOptions; fileNames: string[] } | undefined {
  try {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (read.error || typeof read.config !== 'object' || read.config === null) return undefined;
    // Errors such as "no inputs found" or an unknown option still leave usable options.
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath), undefined, configPath);
    return { options: parsed.options, fileNames: parsed.fileNames };
  } catch {
    return undefined;
  }
}

function createChecker(rootDir: string, options: ts.CompilerOptions, fileNames: string[], configStamp?: number): Checker {
  const overlays = new Map<string, Overlay>();
  const configFiles = new Set(fileNames.map(normalize));
  const rootNames = new Set(configFiles);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...rootNames],
    // Disk files change version with their mtime, so a save by another tool is seen too.
    getScriptVersion: (f) => {
      const o = overlays.get(f);
      return o ? `overlay:${o.version}` : `disk:${mtime(f) ?? 'missing'}`;
    },
    getScriptSnapshot: (f) => {
      const text = overlays.get(f)?.text ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => rootDir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => overlays.has(f) || ts.sys.fileExists(f),
    readFile: (f) => overlays.get(f)?.text ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
    useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
  };
  return { service: ts.createLanguageService(host, registry), options, rootNames, configFiles, overlays, configStamp };
}

/** The checker for a file, built on first use and rebuilt when its tsconfig changes. */
function checkerFor(file: string, workspaceRoot: string | undefined): Checker {
  const stop = searchRoot(file, workspaceRoot);
  const configPath = findConfig(file, stop);
  const config = configPath ? readConfig(configPath) : undefined;
  // A broken tsconfig is keyed apart from a good one, so fixing it builds a fresh checker.
  const rootDir = configPath && config ? path.dirname(configPath) : stop;
  const key = configPath && config ? `config:${configPath}` : `defaults:${rootDir}`;
  const stamp = configPath ? mtime(configPath) : undefined;
  const existing = checkers.get(key);
  if (existing && existing.configStamp === stamp) return existing;
  existing?.service.dispose();
  const checker = config
    ? createChecker(rootDir, { ...config.options, noEmit: true }, config.fileNames, stamp)
    : createChecker(rootDir, { ...DEFAULT_OPTIONS }, [], stamp);
  checkers.set(key, checker);
  return checker;
}

/**
 * Type-checks one file as given by `text` (an unsaved buffer is fine) within its workspace's
 * TypeScript program and returns its syntactic and semantic errors. Later calls reuse the
 * program and re-check incrementally.
 *
 * JavaScript files are checked only when the tsconfig sets `checkJs`; otherwise, and for other
 * extensions, the result is []. Never throws: an unreadable tsconfig falls back to
 * DEFAULT_OPTIONS, and an internal TypeScript failure gives [].
 */
export function checkTypes(file: string, text: string, options: TypeCheckOptions = {}): TypeErrorFinding[] {
  const ext = path.extname(file).toLowerCase();
  const isJs = JS_EXTENSIONS.has(ext);
  if (!isJs && !TS_EXTENSIONS.has(ext)) return [];
  try {
    const checker = checkerFor(path.resolve(file), options.workspaceRoot);
    if (isJs && !checker.options.checkJs) return [];
    const fileName = normalize(file);
    const overlay = checker.overlays.get(fileName);
    if (overlay?.text !== text) checker.overlays.set(fileName, { text, version: (overlay?.version ?? 0) + 1 });
    checker.rootNames.add(fileName);

    const { service } = checker;
    const diagnostics = [...service.getSyntacticDiagnostics(fileName), ...service.getSemanticDiagnostics(fileName)];
    const sourceFile = service.getProgram()?.getSourceFile(fileName);
    if (!sourceFile) return [];
    const findings: TypeErrorFinding[] = [];
    for (const d of diagnostics) {
      if (d.start === undefined) continue;
      if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
      const { line, character } = ts.getLineAndCharacterOfPosition(sourceFile, d.start);
      findings.push({
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        line: line + 1,
        character: character + 1,
        offset: d.start,
        code: d.code,
      });
    }
    return findings.sort((a, b) => a.offset - b.offset);
  } catch {
    // TypeScript can throw on states it does not expect (e.g. a file excluded by its own
    // program's options); the editor keeps working without type errors for this file.
    return [];
  }
}

/**
 * Drops the unsaved buffer of a file (editor closed it without saving): the checkers read it
 * from disk again, and it stops being a root unless its tsconfig includes it.
 */
export function releaseBuffer(file: string): void {
  const fileName = normalize(file);
  for (const checker of checkers.values()) {
    if (checker.overlays.delete(fileName) && !checker.configFiles.has(fileName)) checker.rootNames.delete(fileName);
  }
}

/** Disposes every warm LanguageService and forgets every buffer (server shutdown, tests). */
export function disposeTypeCheckers(): void {
  for (const checker of checkers.values()) checker.service.dispose();
  checkers.clear();
}
