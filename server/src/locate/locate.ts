// Finds every function of a file with a qualified name, LSP ranges and a content hash.
// One walk over the AST keeps a stack of names (`Class`, `outer`, `obj.nested`) for qualification.
// Over 400 lines because that one walk handles every way TypeScript declares a function; split, each
// part would need the whole naming stack.
import { createHash } from 'node:crypto';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { forEachChildNode, parseFile, type ParsedFile } from './parse';
import type { FunctionKind, LocateResult, LocatedFunction, ParamInfo, Range } from './types';

/** The AST node that holds a function's parameters and body. */
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A located function together with its AST node, for analysers that walk the body. */
export interface LocatedNode {
  fn: LocatedFunction;
  node: FunctionNode;
}

type Node = TSESTree.Node;

/** Parses and locates in one call; never throws. */
export function locateFunctions(file: string, text: string): LocateResult {
  const parsed = parseFile(file, text);
  return { file, functions: locateNodes(parsed).map((l) => l.fn), syntaxErrors: parsed.syntaxErrors };
}

/** The innermost function whose declaration contains `offset`, if any. */
export function innermostAt(functions: readonly LocatedFunction[], offset: number): LocatedFunction | undefined {
  let best: LocatedFunction | undefined;
  for (const fn of functions) {
    if (offset >= fn.start && offset < fn.end && (!best || fn.end - fn.start < best.end - best.start)) best = fn;
  }
  return best;
}

/** Which top-level names a module exports: function names, and containers (classes, objects) whose members are reachable. */
export interface ExportSet {
  names: Set<string>;
  scopes: Set<string>;
}

/**
 * Every function of a parsed file, in source order, with its node. `exports` overrides what the
 * file itself exports, for callers that parse a part of a file (incremental analysis).
 */
export function locateNodes(parsed: ParsedFile, exports?: ExportSet): LocatedNode[] {
  return new Locator(parsed, exports ?? collectExports(parsed.ast.body)).run();
}

/** What a function is called and how it is declared, decided by its syntactic context. */
interface Naming {
  name: string;
  kind: FunctionKind;
  /** The node whose range is the declaration (includes `export`, `const x =`, decorators). */
  decl: Node;
  nameNode?: Node;
  className?: string;
  isStatic?: boolean;
  /** Overrides the scope prefix (used for `a.b = function` where the name is the whole path). */
  absolute?: boolean;
}

class Locator {
  private readonly out: LocatedNode[] = [];
  private readonly scope: string[] = [];
  private readonly seen = new Map<string, number>();
  /** The located functions we are inside of, innermost last. */
  private readonly fnStack: LocatedNode[] = [];
  /** Ancestors of the node being visited, root first (typescript-estree sets no parent pointers). */
  private readonly ancestors: Node[] = [];

  constructor(
    private readonly parsed: ParsedFile,
    private readonly exports: ExportSet,
  ) {}

  run(): LocatedNode[] {
    this.visit(this.parsed.ast);
    return this.out;
  }

  private visit(node: Node): void {
    const parent = this.ancestors[this.ancestors.length - 1];
    if (isFunction(node)) {
      const naming = this.nameOf(node, parent);
      if (naming) {
        const located = this.record(node, naming);
        // Inside a function the scope restarts at its qualified name (which may carry a `~2` suffix).
        const saved = this.scope.splice(0, this.scope.length, located.fn.qualifiedName);
        this.fnStack.push(located);
        this.visitChildren(node);
        this.fnStack.pop();
        this.scope.splice(0, this.scope.length, ...saved);
        return;
      }
    }
    const container = this.containerName(node, parent);
    if (container !== undefined) {
      this.scope.push(container);
      this.visitChildren(node);
      this.scope.pop();
      return;
    }
    this.visitChildren(node);
  }

  private visitChildren(node: Node): void {
    this.ancestors.push(node);
    forEachChildNode(node, (c) => this.visit(c));
    this.ancestors.pop();
  }

  /** The ancestor `depth` levels above the node being visited (1 = its parent). */
  private ancestor(depth: number): Node | undefined {
    return this.ancestors[this.ancestors.length - depth];
  }

  /** A class or an object literal bound to a name contributes that name to the qualified names inside it. */
  private containerName(node: Node, parent: Node | undefined): string | undefined {
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      if (node.id) return node.id.name;
      if (parent?.type === 'ExportDefaultDeclaration') return 'default';
      return bindingName(this.unwrapParent(node).parent) ?? 'class';
    }
    if (node.type === 'ObjectExpression') {
      const name = bindingName(this.unwrapParent(node).parent);
      if (name !== undefined) return name;
      if (parent?.type === 'ExportDefaultDeclaration') return 'default';
      // `module.exports = { ... }` and `a.b = { ... }`
      if (parent?.type === 'AssignmentExpression' && parent.right === node) return memberPath(parent.left);
    }
    return undefined;
  }

  private nameOf(node: FunctionNode, parent: Node | undefined): Naming | undefined {
    if (!parent) return undefined;
    if (node.type === 'FunctionDeclaration') {
      const decl = parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration' ? parent : node;
      if (node.id) return { name: node.id.name, kind: 'declaration', decl, nameNode: node.id };
      return { name: 'default', kind: 'declaration', decl };
    }
    // TS overload signatures and abstract members have no body: not functions we can run.
    if ((node as { body?: unknown }).body == null) return undefined;
    const wrapped = this.unwrapParent(node);
    const p = wrapped.parent;
    const expressionKind: FunctionKind = node.type === 'ArrowFunctionExpression' ? 'arrow' : 'expression';
    if (!p) return undefined;
    switch (p.type) {
      case 'VariableDeclarator': {
        if (p.id.type !== 'Identifier') return undefined;
        return { name: p.id.name, kind: expressionKind, decl: this.declaratorRange(p, wrapped.grand), nameNode: p.id };
      }
      case 'ExportDefaultDeclaration':
        return { name: 'default', kind: expressionKind, decl: p };
      case 'MethodDefinition': {
        const cls = this.scope[this.scope.length - 1];
        const key = keyName(p.key, p.computed, this.parsed.text);
        const kind: FunctionKind = p.kind === 'constructor' ? 'constructor' : p.kind === 'get' ? 'getter' : p.kind === 'set' ? 'setter' : 'method';
        const name = p.kind === 'get' ? `get ${key}` : p.kind === 'set' ? `set ${key}` : key;
        return { name, kind, decl: p, nameNode: p.key, className: cls, isStatic: p.static };
      }
      case 'PropertyDefinition': {
        const cls = this.scope[this.scope.length - 1];
        return { name: keyName(p.key, p.computed, this.parsed.text), kind: 'property', decl: p, nameNode: p.key, className: cls, isStatic: p.static };
      }
      case 'Property': {
        if (p.value !== wrapped.node) return undefined;
        const key = keyName(p.key, p.computed, this.parsed.text);
        if (p.kind === 'get') return { name: `get ${key}`, kind: 'getter', decl: p, nameNode: p.key };
        if (p.kind === 'set') return { name: `set ${key}`, kind: 'setter', decl: p, nameNode: p.key };
        return { name: key, kind: p.method ? 'object-method' : 'property', decl: p, nameNode: p.key };
      }
      case 'AssignmentExpression': {
        if (p.right !== wrapped.node) return undefined;
        const path = memberPath(p.left);
        if (path === undefined) return undefined;
        const decl = wrapped.grand?.type === 'ExpressionStatement' ? wrapped.grand : p;
        return { name: path, kind: 'property', decl, nameNode: p.left, absolute: true };
      }
      default:
        return undefined;
    }
  }

  /** For `const f = () => {}`: the whole statement when it declares only f (so lenses sit on `const`). */
  private declaratorRange(declarator: TSESTree.VariableDeclarator, declaration: Node | undefined): Node {
    if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return declarator;
    const at = this.ancestors.lastIndexOf(declaration);
    const outer = at > 0 ? this.ancestors[at - 1] : undefined;
    return outer?.type === 'ExportNamedDeclaration' ? outer : declaration;
  }

  /** Skips wrappers that do not change what a function is bound to: `x as T`, `x satisfies T`, `x!`, `(x)`. */
  private unwrapParent(node: Node): { node: Node; parent: Node | undefined; grand: Node | undefined } {
    let current: Node = node;
    let depth = 1;
    let p = this.ancestor(depth);
    while (p && (p.type === 'TSAsExpression' || p.type === 'TSSatisfiesExpression' || p.type === 'TSNonNullExpression' || p.type === 'TSTypeAssertion')) {
      current = p;
      p = this.ancestor(++depth);
    }
    return { node: current, parent: p, grand: this.ancestor(depth + 1) };
  }

  private record(node: FunctionNode, naming: Naming): LocatedNode {
    const { text } = this.parsed;
    const prefix = naming.absolute ? [] : this.scope;
    let qualifiedName = [...prefix, naming.name].join('.');
    // Same name twice in one scope (a redeclared function, duplicate keys): keep both, addressable.
    const count = (this.seen.get(qualifiedName) ?? 0) + 1;
    this.seen.set(qualifiedName, count);
    if (count > 1) qualifiedName = `${qualifiedName}~${count}`;

    const [start, end] = naming.decl.range;
    const [nodeStart, nodeEnd] = node.range;
    const nameLoc = (naming.nameNode ?? node).loc;
    const enclosing = this.enclosingFunction();
    const topName = (naming.absolute ? naming.name : (this.scope[0] ?? naming.name)).split('.')[0]!;
    const fn: LocatedFunction = {
      name: naming.absolute ? naming.name.split('.').pop()! : naming.name,
      qualifiedName,
      kind: naming.kind,
      range: toRange(naming.decl.loc),
      nameRange: toRange(nameLoc),
      start,
      end,
      nodeStart,
      nodeEnd,
      hash: this.tokenHash(start, end, ''),
      bodyHash: this.tokenHash(bodyStart(node), nodeEnd, `${node.async ? 'a' : ''}${node.generator ? 'g' : ''}`),
      async: node.async,
      generator: node.generator,
      exported: this.isExported(naming, topName),
      params: node.params.map((p) => paramInfo(p, text)),
    };
    if (naming.className !== undefined) fn.className = naming.className;
    if (naming.isStatic) fn.static = true;
    if (enclosing) fn.parent = enclosing.fn.qualifiedName;
    const doc = leadingDoc(this.parsed, start);
    if (doc !== undefined) fn.doc = doc;
    const located = { fn, node };
    this.out.push(located);
    return located;
  }

  private enclosingFunction(): LocatedNode | undefined {
    return this.fnStack[this.fnStack.length - 1];
  }

  private isExported(naming: Naming, topName: string): boolean {
    if (naming.decl.type === 'ExportNamedDeclaration' || naming.decl.type === 'ExportDefaultDeclaration') return this.scope.length === 0;
    if (naming.absolute) return /^(module\.)?exports(\.|$)/.test(naming.name);
    if (this.scope.length === 0) return this.exports.names.has(naming.name);
    return this.exports.scopes.has(topName) && this.isMemberOfTopLevelContainer();
  }

  /** True while we are inside classes and object literals only, not inside another function. */
  private isMemberOfTopLevelContainer(): boolean {
    return this.enclosingFunction() === undefined;
  }

  /** sha256 over the token values in [from, to): whitespace and comments never reach it. */
  private tokenHash(from: number, to: number, salt: string): string {
    const tokens = this.parsed.ast.tokens ?? [];
    const h = createHash('sha256');
    h.update(salt);
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.range[0] < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.range[1] <= to; i++) {
      const token = tokens[i]!;
      const next = tokens[i + 1];
      // What formatters change freely is not a new version: semicolons (ASI), trailing commas, quote style.
      if (token.type === 'Punctuator' && token.value === ';') continue;
      if (token.type === 'Punctuator' && token.value === ',' && next && /^[)\]}]$/.test(next.value)) continue;
      h.update(token.type === 'String' && !token.value.includes('\\') ? `"${token.value.slice(1, -1)}"` : token.value);
      h.update('\u0000');
    }
    return h.digest('hex').slice(0, 16);
  }
}

/** Names exported by `export { a, b as c }`, `export const/class`, and CommonJS `module.exports = { a }`. */
export function collectExports(statements: readonly TSESTree.ProgramStatement[]): ExportSet {
  const names = new Set<string>();
  const scopes = new Set<string>();
  for (const stmt of statements) {
    if (stmt.type === 'ExportNamedDeclaration') {
      for (const s of stmt.specifiers) if (s.local.type === 'Identifier') names.add(s.local.name);
      const d = stmt.declaration;
      if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') scopes.add(v.id.name);
      if ((d?.type === 'ClassDeclaration' || d?.type === 'FunctionDeclaration') && d.id) scopes.add(d.id.name);
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration;
      if (d.type === 'Identifier') names.add(d.name);
      if ((d.type === 'ClassDeclaration' || d.type === 'FunctionDeclaration') && d.id) scopes.add(d.id.name);
      scopes.add('default');
    } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const { left, right } = stmt.expression;
      const path = memberPath(left);
      if (path === 'module.exports' && right.type === 'ObjectExpression') {
        for (const prop of right.properties) {
          if (prop.type === 'Property' && prop.value.type === 'Identifier') names.add(prop.value.name);
        }
        scopes.add('module');
      } else if (path === 'module.exports' && right.type === 'Identifier') {
        names.add(right.name);
        scopes.add(right.name);
      }
    }
  }
  for (const name of names) scopes.add(name);
  return { names, scopes };
}

function isFunction(node: Node): node is FunctionNode {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The name an expression is bound to: `const x = <expr>` or `{ x: <expr> }` or `x = <expr>` in a class. */
function bindingName(p: Node | undefined): string | undefined {
  if (!p) return undefined;
  if (p.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if (p.type === 'Property' && !p.computed) return keyName(p.key, false, '');
  if (p.type === 'PropertyDefinition' && !p.computed) return keyName(p.key, false, '');
  return undefined;
}

/** `a.b.c` for a non-computed member chain of identifiers (and `this`), else undefined. */
function memberPath(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = memberPath(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

function keyName(key: Node, computed: boolean, text: string): string {
  if (!computed) {
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
    if (key.type === 'Literal') return String(key.value);
  }
  return `[${text.slice(key.range[0], key.range[1])}]`;
}

function bodyStart(node: FunctionNode): number {
  const first = node.params[0];
  return first ? Math.min(first.range[0], node.body.range[0]) : node.body.range[0];
}

function paramInfo(param: TSESTree.Parameter, text: string): ParamInfo {
  const src = (n: Node) => text.slice(n.range[0], n.range[1]);
  let target: Node = param;
  if (param.type === 'TSParameterProperty') target = param.parameter;
  const info: ParamInfo = { name: '', optional: false, rest: false };
  if (target.type === 'RestElement') {
    info.rest = true;
    target = target.argument as Node;
    const ann = (param as TSESTree.RestElement).typeAnnotation;
    if (ann) info.typeText = src(ann.typeAnnotation);
  }
  if (target.type === 'AssignmentPattern') {
    info.defaultText = src(target.right);
    info.optional = true;
    target = target.left;
  }
  const annotated = target as { typeAnnotation?: TSESTree.TSTypeAnnotation; optional?: boolean };
  if (annotated.typeAnnotation && info.typeText === undefined) info.typeText = src(annotated.typeAnnotation.typeAnnotation);
  if (annotated.optional) info.optional = true;
  if (target.type === 'Identifier') info.name = target.name;
  else {
    // A destructuring pattern: its text without the type annotation.
    const end = annotated.typeAnnotation ? annotated.typeAnnotation.range[0] : target.range[1];
    info.name = text.slice(target.range[0], end).replace(/\?$/, '').trim();
  }
  return info;
}

/** The JSDoc block (`/** ... *\/`) that ends right before `start`, without delimiters and leading stars. */
function leadingDoc(parsed: ParsedFile, start: number): string | undefined {
  const comments = parsed.ast.comments ?? [];
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i]!;
    if (c.range[1] > start) continue;
    if (c.type !== 'Block' || !c.value.startsWith('*')) return undefined;
    if (parsed.text.slice(c.range[1], start).trim() !== '') return undefined;
    return c.value
      .slice(1)
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, ''))
      .join('\n')
      .trim();
  }
  return undefined;
}

function toRange(loc: TSESTree.SourceLocation): Range {
  return {
    start: { line: loc.start.line - 1, character: loc.start.column },
    end: { line: loc.end.line - 1, character: loc.end.column },
  };
}
