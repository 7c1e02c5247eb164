// Maps a checker type to a ValueRecipe: primitives, literals, unions and enums, arrays and tuples,
// objects, Record/Map/Set, Date/RegExp/bigint, binary arrays, class instances, callbacks, promises
// and generics (through their constraint or default).

import ts from 'typescript';
import type { FieldRecipe, ValueRecipe, BytesCtor } from './recipe';
import { UNTYPED, recipeFromUsage } from './usage';
import { refineByName } from './names';

export { UNTYPED };

/** What the mapper needs to know about the file the function lives in. */
export interface TypeContext {
  checker: ts.TypeChecker;
  /** Where types are looked at (property types are resolved from here). */
  location: ts.Node;
  /** Value names declared or imported at the top level of the user's file, by the symbol they denote. */
  topLevel: Map<ts.Symbol, string>;
  /** Bindings the recipe uses; filled as instances are planned. */
  bindings: Set<string>;
}

/** A type we cannot build a value for: the recipe is absent and `why` says what part failed. */
export class Unsynthesizable {
  constructor(readonly why: string) {}
}


const MAX_DEPTH = 6;
const BYTES: readonly string[] = ['Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'ArrayBuffer', 'Buffer'];
const ARRAY_LIKE = new Set(['Array', 'ReadonlyArray', 'Iterable', 'IterableIterator', 'ArrayLike', 'Iterator', 'Generator']);

/**
 * The recipe for `type`, or Unsynthesizable. `stack` holds the types being expanded, so a recursive
 * type (a tree node holding children) bottoms out instead of looping.
 */
export function recipeForType(type: ts.Type, ctx: TypeContext, stack: ts.Type[] = []): ValueRecipe | Unsynthesizable {
  const { checker } = ctx;
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return UNTYPED;
  if (f & ts.TypeFlags.TypeParameter) {
    const tp = type as ts.TypeParameter;
    const bound = checker.getBaseConstraintOfType(tp) ?? tp.getDefault();
    if (bound && bound !== type && !(bound.flags & ts.TypeFlags.Unknown)) return recipeForType(bound, ctx, stack);
    return typeParameterFromUsage(tp, ctx);
  }
  if (f & ts.TypeFlags.TemplateLiteral) return templateRecipe(type as ts.TemplateLiteralType, ctx, stack);
  if (f & ts.TypeFlags.Intersection) {
    const branded = brandedRecipe(type as ts.IntersectionType, ctx, stack);
    if (branded) return branded;
  }
  if (f & ts.TypeFlags.StringLiteral) return { kind: 'literal', value: (type as ts.StringLiteralType).value };
  if (f & ts.TypeFlags.NumberLiteral) return { kind: 'literal', value: (type as ts.NumberLiteralType).value };
  if (f & ts.TypeFlags.BigIntLiteral) {
    const v = (type as ts.BigIntLiteralType).value;
    return { kind: 'expr', source: `${v.negative ? '-' : ''}${v.base10Value}n` };
  }
  if (f & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: checker.typeToString(type) === 'true' };
  if (f & ts.TypeFlags.Boolean) return { kind: 'boolean' };
  if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) return { kind: 'string', sized: true };
  if (f & ts.TypeFlags.Number) return { kind: 'number', integer: true };
  if (f & ts.TypeFlags.BigInt) return { kind: 'bigint' };
  if (f & (ts.TypeFlags.ESSymbol | ts.TypeFlags.UniqueESSymbol)) return { kind: 'symbol' };
  if (f & ts.TypeFlags.Null) return { kind: 'null' };
  if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return { kind: 'undefined' };
  if (f & ts.TypeFlags.Never) return new Unsynthesizable('no value has type never');
  if (f & ts.TypeFlags.Union) return unionRecipe(type as ts.UnionType, ctx, stack);
  if (f & ts.TypeFlags.NonPrimitive) return { kind: 'record', key: { kind: 'string', sized: false }, value: { kind: 'number', integer: true }, sized: true };
  if (f & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) {
    if (stack.includes(type) || stack.length >= MAX_DEPTH) return new Unsynthesizable(`${checker.typeToString(type)} refers to itself`);
    return objectRecipe(type, ctx, [...stack, type]);
  }
  return new Unsynthesizable(`the type ${checker.typeToString(type)} is not one PerfLens can build`);
}

/**
 * A free type parameter (`groupBy<T>`) bound from how the function uses values of that type: property
 * reads make it an object with those fields (each shaped by its name), else a small integer, which
 * compares, hashes and groups like most element types do.
 */
function typeParameterFromUsage(tp: ts.TypeParameter, ctx: TypeContext): ValueRecipe {
  const fields = new Map<string, boolean>();
  const body = (ctx.location as ts.FunctionLikeDeclaration).body;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ctx.checker.getTypeAtLocation(node.expression) === tp) {
      const called = ts.isCallExpression(node.parent) && node.parent.expression === node;
      fields.set(node.name.text, called || fields.get(node.name.text) === true);
    }
    ts.forEachChild(node, visit);
  };
  if (body) visit(body);
  if (fields.size === 0) return { kind: 'number', integer: true, min: 0, max: 100 };
  const out: FieldRecipe[] = [...fields].map(([name, called]) => {
    if (called) return { name, value: { kind: 'function', passThrough: true } };
    const asString = refineByName(name, { kind: 'string', sized: false });
    const asNumber = refineByName(name, { kind: 'number', integer: true });
    return { name, value: asString.byName ? asString.recipe : asNumber.recipe };
  });
  return { kind: 'object', fields: out };
}

/** `user-${number}` and friends: the literal texts with a value of each hole's type between them. */
function templateRecipe(type: ts.TemplateLiteralType, ctx: TypeContext, stack: ts.Type[]): ValueRecipe {
  const parts: ValueRecipe[] = [];
  type.texts.forEach((text, k) => {
    if (text) parts.push({ kind: 'literal', value: text });
    const hole = type.types[k];
    if (!hole) return;
    const r = hole.flags & ts.TypeFlags.String ? ({ kind: 'format', format: 'word' } as ValueRecipe) : recipeForType(hole, ctx, stack);
    parts.push(r instanceof Unsynthesizable ? { kind: 'format', format: 'word' } : r.kind === 'number' ? { kind: 'number', integer: true, min: 0, max: 999 } : r);
  });
  return { kind: 'concat', parts };
}

/**
 * A branded primitive (`string & { __brand: 'Email' }`, `number & Brand<'UserId'>`): the primitive,
 * refined by the brand's name (the alias name, or the brand's literal value).
 */
function brandedRecipe(type: ts.IntersectionType, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | undefined {
  const prim = type.types.find((t) => t.flags & (ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.TemplateLiteral));
  if (!prim) return undefined;
  const base = recipeForType(prim, ctx, stack);
  if (base instanceof Unsynthesizable) return undefined;
  const plain: ValueRecipe = base.kind === 'string' ? { kind: 'string', sized: false } : base;
  const hints: string[] = [];
  if (type.aliasSymbol) hints.push(type.aliasSymbol.getName());
  for (const t of type.types) {
    if (t === prim) continue;
    for (const p of ctx.checker.getPropertiesOfType(t)) {
      const pt = ctx.checker.getTypeOfSymbolAtLocation(p, ctx.location);
      if (pt.flags & ts.TypeFlags.StringLiteral) hints.push((pt as ts.StringLiteralType).value);
    }
    if (t.aliasSymbol) hints.push(t.aliasSymbol.getName());
  }
  for (const h of hints) {
    const r = refineByName(h, plain);
    if (r.byName) return r.recipe;
  }
  return plain;
}

function unionRecipe(type: ts.UnionType, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | Unsynthesizable {
  // Optional values: give the real thing, not undefined, so the function does its work.
  let members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Null)));
  if (members.length === 0) members = type.types;
  const literal = (t: ts.Type) => t.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral);
  if (members.every(literal)) return { kind: 'oneOf', values: members.map((t) => (t as ts.LiteralType).value) };
  // `true | false` is how the checker spells boolean inside unions.
  const bools = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
  const rest = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
  const options: ValueRecipe[] = [];
  if (bools.length === 2) options.push({ kind: 'boolean' });
  else rest.push(...bools);
  const problems: string[] = [];
  for (const t of rest) {
    const r = recipeForType(t, ctx, stack);
    if (r instanceof Unsynthesizable) problems.push(r.why);
    else options.push(r);
  }
  if (options.length === 0) {
    // `Node | null` at the end of a recursive chain: the nullish member ends it.
    const nullish = type.types.find((t) => t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void));
    if (nullish) return nullish.flags & ts.TypeFlags.Null ? { kind: 'null' } : { kind: 'undefined' };
    return new Unsynthesizable(problems[0] ?? 'empty union');
  }
  return options.length === 1 ? options[0] : { kind: 'union', options };
}

/** The name of a type's symbol if it is one of the standard library's, for Date, Map, Promise... */
function libName(type: ts.Type): string | undefined {
  const sym = type.getSymbol() ?? type.aliasSymbol;
  if (!sym) return undefined;
  const decl = sym.declarations?.[0];
  const file = decl?.getSourceFile().fileName ?? '';
  const fromLib = /[\\/]typescript[\\/]lib[\\/]lib\..*\.d\.ts$/.test(file) || /[\\/]@types[\\/]node[\\/]/.test(file);
  return fromLib ? sym.getName() : undefined;
}

function typeArg(type: ts.Type, ctx: TypeContext, i: number): ts.Type | undefined {
  return ctx.checker.getTypeArguments(type as ts.TypeReference)?.[i];
}

/** An element or type argument: untyped ones are plain integers, so `any[]` is n numbers, not n arrays. */
function sub(t: ts.Type | undefined, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | Unsynthesizable {
  if (!t || t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: 'number', integer: true, min: 0, max: 100 };
  return recipeForType(t, ctx, stack);
}

function objectRecipe(type: ts.Type, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | Unsynthesizable {
  const { checker } = ctx;
  if (checker.isTupleType(type)) return tupleRecipe(type as ts.TupleTypeReference, ctx, stack);
  if (checker.isArrayType(type)) {
    const el = sub(typeArg(type, ctx, 0), ctx, stack);
    return el instanceof Unsynthesizable ? el : { kind: 'array', element: el, sized: true };
  }
  const lib = libName(type);
  if (lib) {
    const special = libRecipe(lib, type, ctx, stack);
    if (special) return special;
  }
  const calls = type.getCallSignatures();
  if (calls.length > 0 && checker.getPropertiesOfType(type).length === 0) return callbackRecipe(calls[0], ctx, stack);
  const cls = classInstance(type, ctx, stack);
  if (cls) return cls;
  return shapeRecipe(type, ctx, stack);
}

function libRecipe(name: string, type: ts.Type, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | Unsynthesizable | undefined {
  const wrap = (make: (...r: ValueRecipe[]) => ValueRecipe, ...args: Array<ts.Type | undefined>): ValueRecipe | Unsynthesizable => {
    const rs = args.map((a) => sub(a, ctx, stack));
    const bad = rs.find((r): r is Unsynthesizable => r instanceof Unsynthesizable);
    return bad ?? make(...(rs as ValueRecipe[]));
  };
  switch (name) {
    case 'Date':
      return { kind: 'date' };
    case 'RegExp':
      return { kind: 'regexp' };
    case 'Function':
    case 'CallableFunction':
      return { kind: 'function', passThrough: true };
    case 'Error':
      return { kind: 'expr', source: "new Error('perflens example error')" };
    case 'Map':
    case 'ReadonlyMap':
    case 'WeakMap':
      return wrap((k, v) => ({ kind: 'map', key: k, value: v, sized: true }), typeArg(type, ctx, 0), typeArg(type, ctx, 1));
    case 'Set':
    case 'ReadonlySet':
    case 'WeakSet':
      return wrap((e) => ({ kind: 'set', element: e, sized: true }), typeArg(type, ctx, 0));
    case 'Promise':
    case 'PromiseLike':
      return wrap((of) => ({ kind: 'promise', of }), typeArg(type, ctx, 0));
    case 'AsyncIterable':
    case 'AsyncIterableIterator':
    case 'AsyncGenerator':
      return wrap((e) => ({ kind: 'expr', source: `(async function* () { for (let k = 0; k < n; k++) yield ${JSON.stringify(sampleOf(e))}; })()` }), typeArg(type, ctx, 0));
    default:
      if (BYTES.includes(name)) return { kind: 'bytes', ctor: name as BytesCtor, sized: true };
      if (ARRAY_LIKE.has(name)) return wrap((e) => ({ kind: 'array', element: e, sized: true }), typeArg(type, ctx, 0));
      return undefined;
  }
}

/** A JSON stand-in for an element of an async iterable, which is built inside an expression. */
function sampleOf(r: ValueRecipe): unknown {
  if (r.kind === 'literal') return r.value;
  if (r.kind === 'string') return 'item';
  if (r.kind === 'boolean') return true;
  if (r.kind === 'array') return [sampleOf(r.element)];
  if (r.kind === 'object') return Object.fromEntries(r.fields.map((fr) => [fr.name, sampleOf(fr.value)]));
  return 1;
}

function tupleRecipe(type: ts.TupleTypeReference, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | Unsynthesizable {
  const args = ctx.checker.getTypeArguments(type);
  const flags = type.target.elementFlags;
  const elements: ValueRecipe[] = [];
  let rest: ValueRecipe | undefined;
  for (let k = 0; k < args.length; k++) {
    const r = recipeForType(args[k], ctx, stack);
    if (r instanceof Unsynthesizable) return r;
    if (flags[k] & ts.ElementFlags.Variable) rest = flags[k] & ts.ElementFlags.Variadic && r.kind === 'array' ? r.element : r;
    else elements.push(r);
  }
  return rest ? { kind: 'tuple', elements, rest } : { kind: 'tuple', elements };
}

/** A stub for a callback: returns a value of the declared return type, or its first argument when that is generic or void. */
function callbackRecipe(sig: ts.Signature, ctx: TypeContext, stack: ts.Type[]): ValueRecipe {
  const ret = sig.getReturnType();
  const passes = ret.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Void | ts.TypeFlags.Undefined);
  if (passes) return { kind: 'function', passThrough: true };
  const lib = libName(ret);
  if (lib === 'Promise' || lib === 'PromiseLike') {
    const inner = sub(typeArg(ret, ctx, 0), ctx, stack);
    return inner instanceof Unsynthesizable ? { kind: 'function', passThrough: true, async: true } : { kind: 'function', returns: inner, async: true };
  }
  // Keys, comparators and predicates answer from their arguments, so groups, orders and filters vary as real ones do.
  const arity = sig.getParameters().length;
  if (arity >= 2 && ret.flags & ts.TypeFlags.Number) return { kind: 'function', derive: 'compare' };
  if (arity >= 1 && ret.flags & ts.TypeFlags.Boolean) return { kind: 'function', derive: 'predicate' };
  if (arity >= 1 && ret.flags & ts.TypeFlags.String) return { kind: 'function', derive: 'key-string' };
  if (arity >= 1 && ret.flags & ts.TypeFlags.Number) return { kind: 'function', derive: 'key-number' };
  const r = recipeForType(ret, ctx, stack);
  return r instanceof Unsynthesizable ? { kind: 'function', passThrough: true } : { kind: 'function', returns: r };
}

/**
 * An instance of a class declared (or imported) at the top level of the user's file: constructed
 * in the child with synthesized arguments, with an object of the same shape as fallback.
 */
function classInstance(type: ts.Type, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | undefined {
  const sym = type.getSymbol();
  if (!sym || !(sym.flags & ts.SymbolFlags.Class)) return undefined;
  const binding = bindingFor(sym, ctx);
  const shape = shapeRecipe(type, ctx, stack);
  const fallback = shape instanceof Unsynthesizable ? undefined : shape;
  if (!binding) return fallback;
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  const ctorType = decl ? ctx.checker.getTypeOfSymbolAtLocation(sym, decl) : undefined;
  const ctor = ctorType?.getConstructSignatures()[0];
  const args: ValueRecipe[] = [];
  for (const p of ctor?.getParameters() ?? []) {
    const pt = ctx.checker.getTypeOfSymbolAtLocation(p, ctx.location);
    // An untyped JavaScript constructor parameter: its use in the constructor decides, as for functions.
    const pd = p.valueDeclaration;
    const guessed = pt.flags & ts.TypeFlags.Any && pd && ts.isParameter(pd) && ts.isIdentifier(pd.name) ? recipeFromUsage(pd.name.text, (pd.parent as ts.FunctionLikeDeclaration).body) : undefined;
    const r = guessed ?? recipeForType(pt, ctx, stack);
    if (r instanceof Unsynthesizable) return fallback;
    args.push(r);
  }
  ctx.bindings.add(binding);
  return fallback ? { kind: 'instance', binding, args, fallback } : { kind: 'instance', binding, args };
}

/** The name under which the user's module knows this symbol at top level, if it does. */
export function bindingFor(sym: ts.Symbol, ctx: TypeContext): string | undefined {
  const direct = ctx.topLevel.get(sym);
  if (direct) return direct;
  for (const [s, name] of ctx.topLevel) {
    if (s.flags & ts.SymbolFlags.Alias && ctx.checker.getAliasedSymbol(s) === sym) return name;
  }
  return undefined;
}

/** A plain object with the type's properties (methods become stubs), or a record for index signatures. */
function shapeRecipe(type: ts.Type, ctx: TypeContext, stack: ts.Type[]): ValueRecipe | Unsynthesizable {
  const { checker } = ctx;
  const props = checker.getPropertiesOfType(type);
  const index = checker.getIndexInfosOfType(type);
  if (props.length === 0 && index.length > 0) {
    const info = index.find((i) => i.keyType.flags & ts.TypeFlags.String) ?? index[0];
    const value = recipeForType(info.type, ctx, stack);
    if (value instanceof Unsynthesizable) return value;
    if (info.keyType.flags & ts.TypeFlags.Number) return { kind: 'array', element: value, sized: true };
    return { kind: 'record', key: { kind: 'string', sized: false }, value, sized: true };
  }
  const fields: FieldRecipe[] = [];
  for (const p of props) {
    const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
    const pt = checker.getTypeOfSymbolAtLocation(p, ctx.location);
    // A method returning its own object (`status(code): this`) is fluent: the stub returns its receiver.
    const ret = pt.getCallSignatures()[0]?.getReturnType();
    if (ret && (ret === type || (ret as { isThisType?: boolean }).isThisType)) {
      fields.push({ name: p.getName(), value: { kind: 'function', fluent: true } });
      continue;
    }
    let value = recipeForType(pt, ctx, stack);
    if (value instanceof Unsynthesizable) {
      if (optional) continue; // leave out what we cannot build when the type allows it
      // A self-reference in a required field: end the recursion with an empty collection or null.
      if (stack.length >= 2 && stack.includes(checker.getNonNullableType(pt))) value = { kind: 'null' };
      else if (checker.isArrayType(pt)) value = { kind: 'literal', value: [] };
      else return new Unsynthesizable(`property '${p.getName()}': ${value.why}`);
    }
    value = refineByName(p.getName(), value).recipe;
    fields.push(optional ? { name: p.getName(), value, optional } : { name: p.getName(), value });
  }
  return { kind: 'object', fields };
}
