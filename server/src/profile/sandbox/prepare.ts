// Turns the user's file into a runnable bundle in a fresh sandbox directory: esbuild bundles the
// workspace code (real code, what we measure) and leaves bare imports and Node builtins external, so
// the child's module hooks can mock them. A small appended block exposes the target function — even
// when it is not exported — and the module-level names the input recipe needs.
//
// Supported targets: top-level functions (declaration, expression, arrow, `default`), class methods,
// getters, setters, constructors and field arrows (static or not, `#private` methods through a spliced
// static accessor), object-literal methods and function-valued properties at any depth (`api.nested.parse`),
// and nested functions, which are copied to module scope: a nested function that uses its enclosing
// function's variables then fails with a ReferenceError, reported as `unsupported-input`.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { locateFunctions } from '../../locate/locate';
import { clientMockFor } from '../mocks/clients';
import { CallCounter } from '../mocks/record';
import type { LocatedFunction } from '../../locate/types';
import type { SandboxError, TargetAccess } from './contract';

/** What to bundle. */
export interface PrepareOptions {
  /** The user's file (absolute or relative to the working directory). */
  file: string;
  /** The file's text (an unsaved editor buffer); read from disk by the caller when absent. */
  text: string;
  qualifiedName: string;
  /** Source text spliced over the function's declaration [start, end): a baseline version in today's module. */
  replacementText?: string;
  /** Top-level names of the module the input recipe needs (classes to construct, objects). */
  bindings?: string[];
  /** The sandbox directory the bundle is written to. */
  sandboxDir: string;
  /** Distinguishes several bundles in one sandbox directory. */
  variantId?: string;
}

/** A bundle ready to load in the child. */
export interface PreparedBundle {
  bundlePath: string;
  sourceFile: string;
  access: TargetAccess;
  /** The function as located in the (possibly spliced) text. */
  fn: LocatedFunction;
  /** Set when a nested function was copied to module scope: the enclosing function's name. */
  hoistedFrom?: string;
  /** The source text bundled for the user's file (spliced, with any shim): the source map's lines are its lines. */
  text: string;
}

/** A bundle or the reason there is none. */
export type PrepareResult = { ok: true; bundle: PreparedBundle } | { ok: false; error: SandboxError };

/** The export name of the appended block; the child reads it from the bundle's exports. */
export const EXPOSE_NAME = '__perflens_expose';
const DEFAULT_LOCAL = '__perflens_default';
const PRIVATE_SHIM = '__perflens_private';

// Sandbox dirs not yet removed: an exit of the server or the CLI (a signal, a crash) removes them too.
const openDirs = new Set<string>();
let exitHookInstalled = false;

/** Creates a fresh, empty sandbox directory under the OS temp directory. */
export async function createSandboxDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perflens-'));
  openDirs.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of openDirs) {
        try {
          rmSync(d, { recursive: true, force: true });
        } catch {
          // Best effort on the way out.
        }
      }
    });
  }
  return dir;
}

/** Removes a sandbox directory and everything in it; never throws. */
export async function removeSandboxDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  openDirs.delete(dir);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `a.b["c-d"]` from path segments; the first segment must be an identifier. */
function memberPath(root: string, segments: string[]): string {
  return segments.reduce((acc, s) => acc + (IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`), root);
}

const unsupported = (message: string): PrepareResult => ({ ok: false, error: { kind: 'unsupported-input', message } });

/** How the appended block reaches the target: expressions evaluated lazily in module scope. */
interface Exposure {
  fnExpr: string;
  selfExpr?: string;
  clsExpr?: string;
  access: TargetAccess;
  /** Source inserted at an offset (private shim) before appending. */
  insert?: { at: number; text: string };
  hoistedFrom?: string;
}

function usesDefault(root: string): boolean {
  return root === 'default';
}

function exposureFor(fn: LocatedFunction, text: string): Exposure | string {
  const q = fn.qualifiedName;
  if (fn.parent) {
    // Nested: copy the function's own source to module scope (a declaration becomes an expression).
    if (fn.kind === 'declaration' || fn.kind === 'expression' || fn.kind === 'arrow') {
      const src = fn.kind === 'declaration' ? text.slice(fn.start, fn.end) : text.slice(fn.nodeStart, fn.nodeEnd);
      return { fnExpr: `(${src.replace(/^\s*export\s+(default\s+)?/, '')})`, access: { mode: 'plain', receiver: 'none' }, hoistedFrom: fn.parent };
    }
    return `${q} is a ${fn.kind} inside ${fn.parent}; only nested functions and arrows can be benchmarked on their own — move it to module scope or benchmark ${fn.parent}`;
  }
  if (fn.className !== undefined) {
    const cls = fn.className;
    if (cls.includes('.')) return `${q} belongs to a class nested inside ${cls.split('.')[0]}; move the class to module scope to benchmark it`;
    const clsExpr = usesDefault(cls) ? DEFAULT_LOCAL : cls;
    if (!IDENT.test(clsExpr)) return `cannot reach class '${cls}' of ${q} from module scope`;
    let member = q.startsWith(cls + '.') ? q.slice(cls.length + 1) : fn.name;
    const isStatic = fn.static === true;
    const receiver: TargetAccess['receiver'] = isStatic ? 'self' : 'instance';
    const holder = isStatic ? clsExpr : `${clsExpr}.prototype`;
    if (fn.kind === 'getter' || fn.kind === 'setter') member = member.replace(/^(get|set)\s+/, '');
    if (member.startsWith('#')) {
      if (fn.kind !== 'method') return `${q} is a private ${fn.kind}; only private methods can be benchmarked — make it a method or benchmark a public caller`;
      // Private names are visible only inside the class body, so a static shim is spliced in right after the member.
      const shim = `\n;static ${PRIVATE_SHIM} = function (...a) { return this.${member}(...a); };\n`;
      return { fnExpr: `${clsExpr}.${PRIVATE_SHIM}`, selfExpr: clsExpr, clsExpr, access: { mode: 'this', receiver }, insert: { at: fn.end, text: shim } };
    }
    const key = JSON.stringify(member);
    switch (fn.kind) {
      case 'constructor':
        return { fnExpr: `function (...a) { return new ${clsExpr}(...a); }`, clsExpr, access: { mode: 'plain', receiver: 'none' } };
      case 'getter':
      case 'setter': {
        const part = fn.kind === 'getter' ? 'get' : 'set';
        return { fnExpr: `Object.getOwnPropertyDescriptor(${holder}, ${key}).${part}`, selfExpr: clsExpr, clsExpr, access: { mode: 'this', receiver } };
      }
      case 'property':
        // A field arrow exists only on instances (or on the class itself when static).
        if (isStatic) return { fnExpr: `${clsExpr}[${key}]`, selfExpr: clsExpr, clsExpr, access: { mode: 'this', receiver: 'self' } };
        return { fnExpr: `${clsExpr}.prototype`, clsExpr, access: { mode: 'field', receiver: 'instance', member } };
      default:
        return { fnExpr: `${holder}[${key}]`, selfExpr: clsExpr, clsExpr, access: { mode: 'this', receiver } };
    }
  }
  const segments = q.split('.');
  const root = usesDefault(segments[0]) ? DEFAULT_LOCAL : segments[0];
  if (!IDENT.test(root)) return `cannot reach '${segments[0]}' of ${q} from module scope`;
  if (segments.length === 1) return { fnExpr: root, access: { mode: 'plain', receiver: 'none' } };
  // obj.method / a.b.c = function: call with the holding object as `this`, as the program would.
  const selfExpr = memberPath(root, segments.slice(1, -1));
  return { fnExpr: memberPath(root, segments.slice(1)), selfExpr, access: { mode: 'this', receiver: 'self' } };
}

function isEsm(text: string): boolean {
  return /^\s*(import|export)\b/m.test(text);
}

function loaderFor(file: string): esbuild.Loader {
  const ext = extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (ext === '.jsx') return 'jsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'js';
}

/** The block appended to the module: lazy accessors, so the module finishes loading before they run. */
function exposeBlock(e: Exposure, bindings: string[], esm: boolean, file: string, needsDefault: boolean): string {
  const names = bindings.filter((b) => IDENT.test(b) || b === 'default');
  const bindingProps = names
    .map((b) => {
      const local = b === 'default' ? DEFAULT_LOCAL : b;
      return `${JSON.stringify(b)}: typeof ${local} === "undefined" ? undefined : ${local}`;
    })
    .join(', ');
  const obj = `{
  fn: () => (${e.fnExpr}),
  self: () => (${e.selfExpr ?? 'undefined'}),
  cls: () => (${e.clsExpr ?? 'undefined'}),
  bindings: () => ({ ${bindingProps} }),
}`;
  const head = needsDefault ? `import ${DEFAULT_LOCAL} from ${JSON.stringify(file)};\n` : '';
  return esm ? `\n;${head}export const ${EXPOSE_NAME} = ${obj};\n` : `\n;module.exports.${EXPOSE_NAME} = ${obj};\n`;
}

const BUILTINS = new Set(builtinModules);

/** Nearest package.json's `type` of a file says whether a `.js` file is an ES module. */
function isEsmFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs') || file.endsWith('.json') || file.endsWith('.node')) return false;
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
  }
  return false;
}

/**
 * Which bare imports stay `require()` calls in the bundle: builtins and mocked clients (the child
 * replaces them), and CommonJS packages (loaded from the workspace at run time). ES-module-only
 * packages are bundled instead, because Node 20 cannot require() them.
 */
function keepExternal(spec: string, resolveDir: string): boolean {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (spec.startsWith('node:') || BUILTINS.has(bare) || BUILTINS.has(bare.split('/')[0])) return true;
  if (clientMockFor(spec, new CallCounter()) !== undefined) return true;
  try {
    return !isEsmFile(require.resolve(spec, { paths: [resolveDir] }));
  } catch (e) {
    // Exported only under `import` conditions: an ES module package esbuild can still resolve.
    return (e as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  }
}

function findFunction(file: string, text: string, qualifiedName: string): LocatedFunction | undefined {
  return locateFunctions(file, text).functions.find((f) => f.qualifiedName === qualifiedName);
}

/**
 * Bundles `opts.file` with the target exposed, into `opts.sandboxDir`. Never throws: a missing
 * function, an unreachable form or a build error comes back as an error value.
 */
export async function prepareBundle(opts: PrepareOptions): Promise<PrepareResult> {
  const file = resolve(opts.file);
  let text = opts.text;
  let fn = findFunction(file, text, opts.qualifiedName);
  if (!fn) return unsupported(`no function named ${opts.qualifiedName} in ${file}; check the name (Class.method, outer.inner, obj.method, default)`);
  if (opts.replacementText !== undefined) {
    text = text.slice(0, fn.start) + opts.replacementText + text.slice(fn.end);
    fn = findFunction(file, text, opts.qualifiedName);
    if (!fn) return unsupported(`the replacement source no longer declares ${opts.qualifiedName} in ${file}; it must declare the same function`);
  }
  const exposure = exposureFor(fn, text);
  if (typeof exposure === 'string') return unsupported(exposure);
  if (exposure.insert) text = text.slice(0, exposure.insert.at) + exposure.insert.text + text.slice(exposure.insert.at);

  const esm = isEsm(text);
  const bindings = opts.bindings ?? [];
  const needsDefault = [exposure.fnExpr, exposure.selfExpr ?? '', exposure.clsExpr ?? ''].some((x) => x.includes(DEFAULT_LOCAL)) || bindings.includes('default');
  if (needsDefault && !esm) return unsupported(`${opts.qualifiedName} is a default export, but ${file} is not an ES module`);
  const contents = text + exposeBlock(exposure, bindings, esm, file, needsDefault);

  const id = (opts.variantId ?? 'target').replace(/[^\w-]/g, '_');
  const bundlePath = join(opts.sandboxDir, `bundle-${id}.cjs`);
  try {
    await esbuild.build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      outfile: bundlePath,
      sourcemap: 'inline',
      sourcesContent: false,
      logLevel: 'silent',
      write: true,
      plugins: [
        {
          name: 'perflens-target',
          setup(build) {
            // Bare specifiers (not relative, not absolute): see keepExternal.
            build.onResolve({ filter: /^[^./]/ }, (args) => (!isAbsolute(args.path) && keepExternal(args.path, args.resolveDir) ? { path: args.path, external: true } : undefined));
            build.onLoad({ filter: /.*/ }, (args) =>
              resolve(args.path) === file ? { contents, loader: loaderFor(file), resolveDir: dirname(file) } : undefined,
            );
          },
        },
      ],
    });
  } catch (e) {
    const failure = e as { errors?: esbuild.Message[] };
    const first = failure.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}` : file;
    const message = first ? `${where}: ${first.text}` : String(e);
    return { ok: false, error: { kind: 'crash', message: `could not bundle ${file} for ${opts.qualifiedName}: ${message}; fix the error and run again` } };
  }
  return {
    ok: true,
    bundle: { bundlePath, sourceFile: file, access: exposure.access, fn, text, ...(exposure.hoistedFrom ? { hoistedFrom: exposure.hoistedFrom } : {}) },
  };
}
