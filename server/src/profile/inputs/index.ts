// Plans a function's inputs on the server: what the user wrote (`@perflens` JSDoc tags or
// .perflens/inputs.json) wins; every other parameter is synthesized from its type via the checker,
// from JSDoc types in JavaScript, or from how the body uses it. The plan's recipe goes to the child.
// Over 400 lines because it is the one place where the sources of an input meet in their order of
// precedence (user, call sites, type, name, usage); each source already lives in its own module.

import ts from 'typescript';
import type { LocatedFunction } from '../../locate/types';
import { checkFile, findFunctionNode, hasUnresolvedTypes } from './checker';
import { recipeForType, Unsynthesizable, UNTYPED, type TypeContext } from './fromType';
import { recipeFromUsage, receiverFromThisUsage, isCountName, accessedPaths } from './usage';
import { fromInputsFile, fromJsDoc, INPUTS_FILE, type UserInputs } from './user';
import { previewRecipe } from './preview';
import { drawNeedles, isNeedleName, refineByName } from './names';
import { literalRecipe } from './literals';
import { planMockShapes } from './mockShapes';
import { callSites, type CallSite } from './callSites';
import type { MockAnswers } from '../mocks/answers';
import type { InputRecipe, ValueRecipe, WarmUp } from './recipe';

export type { InputRecipe, ValueRecipe } from './recipe';

/**
 * Where a parameter's values come from: literals at the function's call sites or in test files, the
 * parameter's default, its name (an `email` gets emails), its type alone, or the user's own inputs.
 */
export type InputSource = 'call-site' | 'test' | 'default' | 'name' | 'type' | 'user';

/** One parameter as shown to the user: its name, type, a short example value, and where values come from. */
export interface ParamSpec {
  name: string;
  type: string;
  example: string;
  source: InputSource;
  /** The parameter's default as written, when it has one (shown where a call leaves it to the default). */
  default?: string;
}

/** A parameter we could not build a value for, and how the user can give one. */
export interface InputProblem {
  param: string;
  type: string;
  message: string;
}

/**
 * The inputs of one function. When `problems` is not empty the recipe holds `undefined` for the
 * parameters named there, and a run should end as `unsupported-input` with those messages.
 */
export interface InputPlan {
  source: 'synthesized' | 'user';
  params: ParamSpec[];
  recipe: InputRecipe;
  /** True when some collection, string or count in the inputs scales with the size n. */
  sizeDependent: boolean;
  problems: InputProblem[];
  /** What the client mocks answer: row and response shapes from the code, the user's scripted answers. */
  mocks: MockAnswers;
}

/** Plans the inputs of `fn` in `file` (whose current content is `text`). Never throws. */
export function planInputs(file: string, text: string, fn: LocatedFunction, opts: { workspaceRoot?: string } = {}): InputPlan {
  let synth: InputPlan;
  try {
    synth = synthesize(file, text, fn, opts.workspaceRoot);
  } catch (e) {
    // The checker can trip over unusual code; the user can still give inputs by hand.
    const why = `the type checker failed (${(e as Error)?.message ?? e})`;
    synth = finish(fn, fn.params.map((p) => ({ name: p.name, type: p.typeText ?? 'unknown', rest: p.rest, why, source: 'type' as const })), undefined, new Set());
  }
  const user = fromJsDoc(fn.doc) ?? fromInputsFile(opts.workspaceRoot, file, fn.qualifiedName);
  return user ? applyUser(fn, synth, user) : synth;
}

const NO_MOCKS: MockAnswers = { rows: [], http: [], scripted: {} };

interface Param {
  name: string;
  type: string;
  recipe?: ValueRecipe;
  why?: string;
  rest: boolean;
  source: InputSource;
  /** The default's source text, shown when the default is kept by passing undefined. */
  defaultText?: string;
}

function synthesize(file: string, text: string, fn: LocatedFunction, workspaceRoot: string | undefined): InputPlan {
  let checked: ReturnType<typeof checkFile>;
  try {
    // The lean program first (fast cold start); the full one when a parameter type needs @types or the DOM lib.
    checked = checkFile(file, text, workspaceRoot, true);
    const lean = checked && findFunctionNode(checked.sourceFile, fn.nodeStart, fn.nodeEnd);
    if (checked && lean && hasUnresolvedTypes(lean, checked.checker)) checked = checkFile(file, text, workspaceRoot);
  } catch {
    checked = undefined; // a broken tsconfig must not stop us: usage inference still works
  }
  const sf = checked?.sourceFile ?? ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const node = findFunctionNode(sf, fn.nodeStart, fn.nodeEnd);
  const bindings = new Set<string>();
  const params: Param[] = [];
  const ctx: TypeContext | undefined = node && checked ? { checker: checked.checker, location: node, topLevel: topLevelNames(sf, checked.checker), bindings } : undefined;
  if (!node) {
    for (const p of fn.params) params.push({ name: p.name, type: p.typeText ?? 'unknown', rest: p.rest, source: 'type', why: 'PerfLens could not find the function in the file (is it saved?)' });
  } else {
    for (const decl of node.parameters) {
      if (ts.isIdentifier(decl.name) && decl.name.text === 'this') continue;
      params.push(planParam(decl, node, ctx, sf));
    }
    const fromCode = ctx ? applyCallSites(params, node, ctx, callSites(file, text, node, fn.name, workspaceRoot)) : new Set<number>();
    // A `target` searched for in a collection parameter is drawn from it about half the time.
    const recipes = params.map((p) => p.recipe ?? ({ kind: 'undefined' } as ValueRecipe));
    for (const k of drawNeedles(params.map((p) => p.name), recipes)) {
      if (fromCode.has(k)) continue;
      params[k].recipe = recipes[k];
      params[k].source = 'name';
    }
  }
  let receiver = node && ctx ? receiverRecipe(fn, node, ctx) : undefined;
  // A reader of a warmed instance (`get(key)`) looks up a key it was warmed with about half the time.
  if (receiver?.kind === 'instance' && receiver.warm && !WRITERS.test(fn.name) && params[0]?.recipe && params[0].recipe.kind !== 'pick' && isNeedleName(params[0].name)) {
    params[0].recipe = { kind: 'pick', from: -1, fallback: params[0].recipe };
    params[0].source = 'name';
  }
  // A plain function that reads `this.x` (a prototype method written as a function) gets a `this` shaped by that use.
  if (!receiver && node && !fn.className && (fn.kind === 'declaration' || fn.kind === 'expression')) {
    receiver = receiverFromThisUsage((node as ts.FunctionLikeDeclaration).body);
  }
  const plan = finish(fn, params, receiver, bindings);
  if (node) {
    const m = planMockShapes(node, ctx, fn.doc, workspaceRoot);
    plan.mocks = m.answers;
    for (const message of m.errors) plan.problems.push({ param: '(mock answers)', type: '', message: `${fn.qualifiedName}: ${message}` });
  }
  return plan;
}

function planParam(decl: ts.ParameterDeclaration, fnNode: ts.SignatureDeclaration, ctx: TypeContext | undefined, sf: ts.SourceFile): Param {
  const planned = planTyped(decl, fnNode, ctx, sf);
  const typed = decl.initializer ? { ...planned, defaultText: decl.initializer.getText(sf) } : planned;
  if (!typed.recipe || typed.rest) return typed;
  // A default is what callers usually leave in place: keep it (a literal as written, anything else by passing undefined).
  if (decl.initializer) {
    const lit = literalRecipe(decl.initializer, ctx?.checker);
    return { ...typed, recipe: lit ? nearDefault(lit) : { kind: 'undefined' }, source: 'default' };
  }
  if (!ts.isIdentifier(decl.name)) return typed;
  const named = refineByName(decl.name.text, typed.recipe);
  const out = named.byName ? { ...typed, recipe: named.recipe, source: 'name' as const } : typed;
  // Records get the keys the body looks up in them (`req.params.id`), so the lookup finds a value.
  let recipe = out.recipe!;
  for (const path of accessedPaths(decl.name.text, (fnNode as ts.FunctionLikeDeclaration).body)) recipe = withKey(recipe, path);
  return recipe === out.recipe ? out : { ...out, recipe };
}

/** `recipe` with the record reached along `path` given the key that ends it (a value shaped by the key's name). */
function withKey(recipe: ValueRecipe, path: string[]): ValueRecipe {
  if (path.length < 1) return recipe;
  const [key, ...rest] = path;
  if (recipe.kind === 'object') {
    const k = recipe.fields.findIndex((f) => f.name === key);
    if (k < 0 || rest.length === 0) return recipe;
    const value = withKey(recipe.fields[k].value, rest);
    if (value === recipe.fields[k].value && !recipe.fields[k].optional) return recipe;
    // A field the code reads is always there.
    const fields = recipe.fields.map((f, j) => (j === k ? { name: f.name, value } : f));
    return { kind: 'object', fields };
  }
  if (recipe.kind === 'record' && (recipe.key.kind === 'string' || recipe.key.kind === 'format')) {
    const value = refineByName(key, rest.length ? withKey(recipe.value, rest) : recipe.value).recipe;
    return { kind: 'object', fields: [{ name: key, value }] };
  }
  return recipe;
}

/**
 * A default kept as written, except a fractional tuning number (`threshold = 0.5`), which is varied
 * within ±20% of it: nearby values are as plausible, and counts, flags and strings mean exactly what they say.
 */
function nearDefault(r: ValueRecipe): ValueRecipe {
  if (r.kind !== 'literal' || typeof r.value !== 'number' || Number.isInteger(r.value) || !Number.isFinite(r.value)) return r;
  const v = r.value;
  return { kind: 'number', integer: false, min: Math.min(v * 0.8, v * 1.2), max: Math.max(v * 0.8, v * 1.2) };
}

function planTyped(decl: ts.ParameterDeclaration, fnNode: ts.SignatureDeclaration, ctx: TypeContext | undefined, sf: ts.SourceFile): Param {
  const name = decl.name.getText(sf);
  const rest = decl.dotDotDotToken !== undefined;
  const body = (fnNode as ts.FunctionLikeDeclaration).body;
  const usage = () => (ts.isIdentifier(decl.name) ? recipeFromUsage(decl.name.text, body) : undefined);
  if (!ctx) {
    const r = usage() ?? UNTYPED;
    return { name, type: decl.type?.getText(sf) ?? 'any', recipe: rest ? { kind: 'array', element: r, sized: true } : r, rest, source: 'type' };
  }
  const type = ctx.checker.getTypeAtLocation(decl);
  const typeText = decl.type?.getText(sf) ?? ctx.checker.typeToString(type);
  let elementType: ts.Type | undefined;
  if (rest && ctx.checker.isArrayType(type)) elementType = ctx.checker.getTypeArguments(type as ts.TypeReference)[0];
  const target = elementType ?? type;
  // Untyped (JS without JSDoc, or an implicit any): the body's use of the parameter decides.
  if (target.flags & ts.TypeFlags.Any) {
    const inferred = usage();
    const guess = inferred ?? (rest ? ({ kind: 'number', integer: true } as ValueRecipe) : UNTYPED);
    // Say where the value's shape came from, so an odd example can be traced to the guess.
    const shown = inferred && !decl.type ? `${typeText} (used as ${inferredKind(inferred)})` : typeText;
    return { name, type: shown, recipe: rest ? { kind: 'array', element: guess, sized: true } : guess, rest, source: 'type' };
  }
  const r = recipeForType(target, ctx);
  if (r instanceof Unsynthesizable) return { name, type: typeText, why: r.why, rest, source: 'type' };
  const counted = r.kind === 'number' && ts.isIdentifier(decl.name) && isCountName(decl.name.text) ? { ...r, sized: true } : r;
  return { name, type: typeText, recipe: rest && elementType ? { kind: 'array', element: counted, sized: true } : counted, rest, source: 'type' };
}

/** Top-level value names of the file (declarations and imports), by symbol, for bindings. */
function topLevelNames(sf: ts.SourceFile, checker: ts.TypeChecker): Map<ts.Symbol, string> {
  const out = new Map<ts.Symbol, string>();
  const add = (id: ts.Identifier | undefined) => {
    const sym = id && checker.getSymbolAtLocation(id);
    if (sym && id) out.set(sym, id.text);
  };
  for (const st of sf.statements) {
    if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) add(st.name as ts.Identifier);
    else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) ts.isIdentifier(d.name) && add(d.name);
    else if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      add(st.importClause.name);
      const nb = st.importClause.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (!el.isTypeOnly) add(el.name);
      if (nb && ts.isNamespaceImport(nb)) add(nb.name);
    }
  }
  return out;
}

/** `this` for methods: an instance of the class, the class itself for statics, the object for object methods. */
function receiverRecipe(fn: LocatedFunction, node: ts.SignatureDeclaration, ctx: TypeContext): ValueRecipe | undefined {
  if (fn.kind === 'constructor') return undefined;
  if (fn.className) {
    if (fn.static) {
      ctx.bindings.add(fn.className);
      return { kind: 'binding', name: fn.className };
    }
    let cls: ts.Node | undefined = node.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    const sym = cls && ts.isClassLike(cls) && cls.name ? ctx.checker.getSymbolAtLocation(cls.name) : undefined;
    if (!sym || !cls || !ts.isClassLike(cls)) return undefined;
    const r = recipeForType(ctx.checker.getDeclaredTypeOfSymbol(sym), ctx);
    if (r instanceof Unsynthesizable) return undefined;
    const warm = r.kind === 'instance' ? warmUpFor(cls, ctx) : undefined;
    return warm && r.kind === 'instance' ? { ...r, warm } : r;
  }
  if ((fn.kind === 'object-method' || fn.kind === 'property' || fn.kind === 'getter' || fn.kind === 'setter') && fn.qualifiedName.includes('.')) {
    const path = fn.qualifiedName.split('.').slice(0, -1);
    if (![...ctx.topLevel.values()].includes(path[0])) return undefined;
    ctx.bindings.add(path[0]);
    return path.length === 1 ? { kind: 'binding', name: path[0] } : { kind: 'expr', source: path.join('.') };
  }
  return undefined;
}

/**
 * Values from the function's calls in the workspace and its tests come first: a parameter some call passes
 * a literal for cycles through the calls' values (the calls' other arguments keep their plan, so every
 * pool entry is one real call), and a generic parameter takes the type it has at a call. Returns the
 * indexes of the parameters that now come from the code.
 */
function applyCallSites(params: Param[], node: ts.SignatureDeclaration, ctx: TypeContext, sites: CallSite[]): Set<number> {
  const changed = new Set<number>();
  if (sites.length === 0) return changed;
  const typeParams = new Set((node.typeParameters ?? []).map((t) => t.name.text));
  const mentionsTypeParam = (decl: ts.ParameterDeclaration | undefined): boolean => {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && typeParams.has(n.typeName.text)) found = true;
      else ts.forEachChild(n, visit);
    };
    if (decl?.type) visit(decl.type);
    return found;
  };
  const decls = node.parameters.filter((d) => !(ts.isIdentifier(d.name) && d.name.text === 'this'));
  params.forEach((p, k) => {
    if (p.rest || !p.recipe) return;
    const source = (ss: CallSite[]): InputSource => (ss.every((x) => x.test) ? 'test' : 'call-site');
    const literal = sites.filter((site) => site.args[k] !== undefined);
    if (literal.length > 0) {
      const options = sites.filter((site) => site.args.some((a) => a !== undefined)).map((site) => site.args[k] ?? (k >= site.count && decls[k]?.initializer ? ({ kind: 'undefined' } as ValueRecipe) : p.recipe!));
      p.recipe = options.length === 1 ? options[0] : { kind: 'cycle', options };
      p.source = source(literal);
      changed.add(k);
      return;
    }
    // A generic parameter (`items: T[]`) takes its type at the first call that binds it.
    if (p.source !== 'type' || !mentionsTypeParam(decls[k])) return;
    for (const site of sites) {
      const t = site.types[k];
      if (!t || t.flags & ts.TypeFlags.Any) continue;
      const r = recipeForType(t, { ...ctx, checker: site.checker, location: site.call });
      if (r instanceof Unsynthesizable) continue;
      p.recipe = refineByName(p.name, r).recipe;
      p.source = source([site]);
      changed.add(k);
      return;
    }
  });
  return changed;
}

/** Method names that put something into their instance: a reader on a warmed instance finds it. */
export const WRITERS = /^(set|add|push|put|insert|enqueue|append|register|store|write|offer|addAll|setItem|upsert)$/;

/** How to fill an instance before use: its first writer method, with arguments planned from its parameter types and names. */
function warmUpFor(cls: ts.ClassLikeDeclaration, ctx: TypeContext): WarmUp | undefined {
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m) || !m.name || !ts.isIdentifier(m.name) || !WRITERS.test(m.name.text)) continue;
    if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword || x.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    const args: ValueRecipe[] = [];
    for (const p of m.parameters) {
      const r = recipeForType(ctx.checker.getTypeAtLocation(p), ctx);
      if (r instanceof Unsynthesizable) return undefined;
      args.push(ts.isIdentifier(p.name) ? refineByName(p.name.text, r).recipe : r);
    }
    return { method: m.name.text, args };
  }
  return undefined;
}

/** Merges what the user wrote over the synthesized plan: user pieces replace synthesized ones parameter by parameter. */
function applyUser(fn: LocatedFunction, synth: InputPlan, user: UserInputs): InputPlan {
  const problems: InputProblem[] = user.errors.map((message) => ({ param: '(user inputs)', type: '', message: `${fn.qualifiedName}: ${message}` }));
  const names = synth.params.map((p) => p.name);
  const count = Math.max(names.length, ...user.argLists.map((l) => l.length));
  const recipes: ValueRecipe[] = [];
  const specs: ParamSpec[] = [];
  for (let k = 0; k < count; k++) {
    const name = names[k] ?? `arg${k}`;
    const fromLists: ValueRecipe | undefined = user.argLists.length ? { kind: 'cycle', options: user.argLists.map((l) => l[k] ?? { kind: 'undefined' }) } : undefined;
    const given = user.params.get(name) ?? fromLists;
    const recipe = given ?? synth.recipe.params[k] ?? { kind: 'undefined' };
    recipes.push(recipe);
    specs.push({ name, type: synth.params[k]?.type ?? 'unknown', example: given ? previewRecipe(recipe) : (synth.params[k]?.example ?? '(none)'), source: given ? 'user' : (synth.params[k]?.source ?? 'type') });
    if (!given) problems.push(...synth.problems.filter((p) => p.param === name));
  }
  for (const name of user.params.keys()) {
    if (!names.includes(name)) problems.push({ param: name, type: '', message: `${fn.qualifiedName}: the user inputs name a parameter '${name}' that the function does not have (it has: ${names.join(', ') || 'none'})` });
  }
  const recipe: InputRecipe = { params: recipes, bindings: synth.recipe.bindings };
  const receiver = user.receiver ?? synth.recipe.receiver;
  if (receiver) recipe.receiver = receiver;
  // Whole argument lists already spell out rest values one by one; a per-parameter rest override is an array to spread.
  if (user.argLists.length === 0 && synth.recipe.restLast) recipe.restLast = true;
  return { source: 'user', params: specs, recipe, sizeDependent: recipes.some(isSized) || (receiver ? isSized(receiver) : false), problems, mocks: synth.mocks };
}

function finish(fn: LocatedFunction, params: Param[], receiver: ValueRecipe | undefined, bindings: Set<string>): InputPlan {
  const problems: InputProblem[] = [];
  for (const p of params) {
    if (p.recipe) continue;
    problems.push({
      param: p.name,
      type: p.type,
      message:
        `PerfLens cannot build a value for parameter '${p.name}' of ${fn.qualifiedName} (type ${p.type}): ${p.why ?? 'unknown type'}. ` +
        `Give an example: add '@perflens param ${p.name} <JavaScript expression>' to the function's JSDoc, ` +
        `or an entry "${fn.qualifiedName}": { "params": { "${p.name}": "<expression>" } } under "functions" in ${INPUTS_FILE}.`,
    });
  }
  const recipes = params.map((p) => p.recipe ?? ({ kind: 'undefined' } as ValueRecipe));
  const recipe: InputRecipe = { params: recipes, bindings: [...bindings].sort() };
  if (receiver) recipe.receiver = receiver;
  if (params.length > 0 && params[params.length - 1].rest) recipe.restLast = true;
  const specs = params.map((p, k) => {
    const example = !p.recipe ? '(none)' : previewRecipe(recipes[k]);
    const spec: ParamSpec = { name: p.name, type: p.type, example: example === 'undefined' && p.defaultText ? `${p.defaultText} (default)` : example, source: p.source };
    if (p.defaultText) spec.default = p.defaultText;
    return spec;
  });
  return { source: 'synthesized', params: specs, recipe, sizeDependent: recipes.some(isSized) || (receiver ? isSized(receiver) : false), problems, mocks: NO_MOCKS };
}

/** A word for what usage inference decided: array, string, number, function, promise, object. */
function inferredKind(r: ValueRecipe): string {
  if (r.kind === 'record') return 'object';
  return r.kind === 'array' ? 'array' : r.kind;
}

/** True when the recipe scales with n somewhere. */
export function isSized(r: ValueRecipe): boolean {
  switch (r.kind) {
    case 'array':
    case 'repeat':
      return true;
    case 'format':
      return r.sized === true;
    case 'pick':
      return isSized(r.fallback);
    case 'concat':
      return r.parts.some(isSized);
    case 'string':
    case 'record':
    case 'map':
    case 'set':
    case 'bytes':
      return r.sized;
    case 'number':
    case 'bigint':
      return r.sized === true;
    case 'tuple':
      return r.rest !== undefined || r.elements.some(isSized);
    case 'object':
      return r.fields.some((f) => isSized(f.value));
    case 'union':
    case 'cycle':
      return r.options.some(isSized);
    case 'instance':
      return r.warm !== undefined || r.args.some(isSized);
    case 'promise':
      return isSized(r.of);
    case 'expr':
      return /\bn\b/.test(r.source);
    default:
      return false;
  }
}
