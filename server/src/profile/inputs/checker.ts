// A TypeScript language service per project root, so the checker can read parameter types (and
// JSDoc types in JavaScript) of the file being edited. Kept alive and reused: the first program of
// a root costs about a second (lib.d.ts), later ones reuse every unchanged source file.

import ts from 'typescript';
import { dirname, resolve } from 'node:path';

interface Project {
  service: ts.LanguageService;
  /** Open files: the editor's text, which may differ from disk. */
  overlay: Map<string, { text: string; version: number }>;
  roots: Set<string>;
}

const projects = new Map<string, Project>();

/** A checked program with the source file of interest. */
export interface Checked {
  program: ts.Program;
  checker: ts.TypeChecker;
  sourceFile: ts.SourceFile;
}

/**
 * The program for `file` with `text` as its content, type-checked under the nearest tsconfig.json
 * or jsconfig.json at or below `workspaceRoot` (else defaults). Undefined if the file cannot be read as source.
 */
export function checkFile(file: string, text: string, workspaceRoot?: string, lean = false): Checked | undefined {
  const abs = resolve(file);
  const configPath = findConfig(dirname(abs), workspaceRoot ? resolve(workspaceRoot) : undefined);
  const key = `${lean ? 'lean' : 'full'}:${configPath ?? `default:${workspaceRoot ?? dirname(abs)}`}`;
  let project = projects.get(key);
  if (!project) {
    project = createProject(configPath, lean);
    projects.set(key, project);
  }
  const prev = project.overlay.get(abs);
  if (!prev || prev.text !== text) project.overlay.set(abs, { text, version: (prev?.version ?? 0) + 1 });
  project.roots.add(abs);
  const program = project.service.getProgram();
  const sourceFile = program?.getSourceFile(abs);
  if (!program || !sourceFile) return undefined;
  return { program, checker: program.getTypeChecker(), sourceFile };
}

/**
 * Calls of the function declared at `position` of `file`, in that file and in `candidates` (files that
 * import its module and mention its name; added to the lean program): call expressions whose callee the
 * checker resolves to the function's own symbol. Only those files are walked, so a function of a large
 * package (whose whole import graph is in the program) is searched as quickly as a small one.
 */
export function callsOf(file: string, text: string, workspaceRoot: string | undefined, position: number, candidates: string[]): { calls: ts.CallExpression[]; checker: ts.TypeChecker } | undefined {
  const abs = resolve(file);
  const own = checkFile(abs, text, workspaceRoot, true);
  if (!own) return undefined;
  const configPath = findConfig(dirname(abs), workspaceRoot ? resolve(workspaceRoot) : undefined);
  const project = projects.get(`lean:${configPath ?? `default:${workspaceRoot ?? dirname(abs)}`}`);
  if (!project) return undefined;
  for (const c of candidates) project.roots.add(resolve(c));
  const program = project.service.getProgram();
  const sf = program?.getSourceFile(abs);
  if (!program || !sf) return undefined;
  const checker = program.getTypeChecker();
  const resolveSym = (node: ts.Node): ts.Symbol | undefined => {
    const sym = checker.getSymbolAtLocation(node);
    return sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
  };
  const nameNode = findToken(sf, position);
  const target = nameNode && resolveSym(nameNode);
  if (!target) return undefined;
  const calls: ts.CallExpression[] = [];
  for (const f of [abs, ...candidates.map((c) => resolve(c))]) {
    const source = program.getSourceFile(f);
    if (!source) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
        if (ts.isIdentifier(callee) && callee.text === nameNode.getText(sf) && resolveSym(callee) === target) calls.push(n);
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return { calls, checker };
}

function findToken(sf: ts.SourceFile, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (pos < n.getStart(sf) || pos >= n.end) return;
    found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function findConfig(dir: string, stopAt: string | undefined): string | undefined {
  let current = dir;
  for (;;) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const candidate = resolve(current, name);
      if (ts.sys.fileExists(candidate)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current || (stopAt && !parent.startsWith(stopAt))) return undefined;
    current = parent;
  }
}

function compilerOptions(configPath: string | undefined, lean: boolean): ts.CompilerOptions {
  let options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, strict: true, esModuleInterop: true };
  if (configPath) {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (!read.error) options = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath)).options;
  }
  // allowJs makes the checker read JSDoc types in .js files; strictNullChecks keeps `T | null`
  // distinct so optional values are recognised. Neither changes what the user's build does.
  const checked = { ...options, allowJs: true, strictNullChecks: true, noEmit: true, skipLibCheck: true };
  // The lean program is what a first click waits for: without @types packages (often @types/node, about
  // a second to load) and the DOM lib. Callers fall back to the full program when a parameter's type
  // names something only those provide (see hasUnresolvedTypes).
  return lean ? { ...checked, types: [], lib: ['lib.es2022.d.ts'] } : checked;
}

function createProject(configPath: string | undefined, lean: boolean): Project {
  const options = compilerOptions(configPath, lean);
  const overlay = new Map<string, { text: string; version: number }>();
  const roots = new Set<string>();
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...roots],
    getScriptVersion: (f) => String(overlay.get(resolve(f))?.version ?? 0),
    getScriptSnapshot: (f) => {
      const open = overlay.get(resolve(f));
      if (open) return ts.ScriptSnapshot.fromString(open.text);
      const text = ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => (configPath ? dirname(configPath) : process.cwd()),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => overlay.has(resolve(f)) || ts.sys.fileExists(f),
    readFile: (f) => overlay.get(resolve(f))?.text ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return { service: ts.createLanguageService(host, ts.createDocumentRegistry()), overlay, roots };
}

/** True when a type named in the parameter list does not resolve (it may live in an @types package). */
export function hasUnresolvedTypes(fn: ts.SignatureDeclaration, checker: ts.TypeChecker): boolean {
  let unresolved = false;
  const visit = (node: ts.Node): void => {
    if (unresolved) return;
    // An unresolved name checks as the checker's intrinsic `error` type (getSymbolAtLocation may still answer).
    if (ts.isTypeReferenceNode(node) && (checker.getTypeFromTypeNode(node) as { intrinsicName?: string }).intrinsicName === 'error') unresolved = true;
    else ts.forEachChild(node, visit);
  };
  fn.parameters.forEach(visit);
  return unresolved;
}

/** The smallest function-like node covering [start, end) of the locator's function node. */
export function findFunctionNode(sf: ts.SourceFile, start: number, end: number): ts.SignatureDeclaration | undefined {
  let best: ts.SignatureDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sf) > start || node.end < end) return;
    if (ts.isFunctionLike(node) && node.end === end) best = node;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return best;
}
