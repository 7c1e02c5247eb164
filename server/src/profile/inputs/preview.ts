// A short, human-readable example of what a recipe builds (the `example` the editor and the CLI
// show). Built in the server, so user expressions and classes are shown as written, never run.

import { materialize } from './materialize';
import type { ValueRecipe } from './recipe';

const MAX = 60;

/** Stands for text to print verbatim in a preview. */
interface Raw {
  __perflensRaw: string;
}

/** An example value of `recipe` at size 3, at most about 60 characters. */
export function previewRecipe(recipe: ValueRecipe): string {
  const safe = sanitize(recipe);
  let value: unknown;
  try {
    value = materialize({ params: [safe], bindings: [] }, { size: 3, seed: 1, count: 1, bindings: {} }).args[0][0];
  } catch {
    return '…';
  }
  return formatExample(value);
}

/** A value as a short example (at most about 60 characters), as the CLI and the editor show it. */
export function formatExample(value: unknown): string {
  const text = format(value, 0);
  return text.length > MAX ? text.slice(0, MAX - 1) + '…' : text;
}

const raw = (text: string): ValueRecipe => ({ kind: 'literal', value: { __perflensRaw: text } satisfies Raw });

/** Replaces what would run user code (expressions, constructors, bindings) with its source text. */
function sanitize(r: ValueRecipe): ValueRecipe {
  switch (r.kind) {
    case 'expr':
      return raw(r.source.replace(/\s+/g, ' '));
    case 'instance':
      return raw(`new ${r.binding}(…)`);
    case 'binding':
      return raw(r.name);
    case 'promise':
      return raw(`Promise<${previewRecipe(r.of)}>`);
    case 'function':
      if (r.fluent) return raw('function () { return this }');
      if (r.derive) return raw(r.derive === 'compare' ? '(a, b) => a - b' : r.derive === 'equals' ? '(a, b) => a === b' : r.derive === 'predicate' ? '(x) => hash(x) % 2 === 0' : '(x) => hash(x) % 8');
      return raw(`${r.async ? 'async ' : ''}${r.passThrough ? '(x) => x' : `() => ${r.returns ? previewRecipe(r.returns) : 'undefined'}`}`);
    case 'array':
      return { ...r, element: sanitize(r.element) };
    case 'tuple':
      return r.rest ? { ...r, elements: r.elements.map(sanitize), rest: sanitize(r.rest) } : { ...r, elements: r.elements.map(sanitize) };
    case 'object':
      return { kind: 'object', fields: r.fields.map((f) => ({ ...f, optional: false, value: sanitize(f.value) })) };
    case 'record':
    case 'map':
      return { ...r, key: sanitize(r.key), value: sanitize(r.value) };
    case 'set':
      return { ...r, element: sanitize(r.element) };
    case 'union':
    case 'cycle':
      return r.options.length ? sanitize(r.options[0]) : { kind: 'undefined' };
    case 'pick':
      return sanitize(r.fallback);
    case 'concat':
      return { kind: 'concat', parts: r.parts.map(sanitize) };
    default:
      return r;
  }
}

function format(v: unknown, depth: number): string {
  if (depth > 3) return '…';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (v === undefined || v === null || typeof v !== 'object') return String(v);
  if ('__perflensRaw' in v) return (v as Raw).__perflensRaw;
  if (Array.isArray(v)) return `[${v.map((x) => format(x, depth + 1)).join(', ')}]`;
  if (v instanceof Date) return `new Date("${v.toISOString().slice(0, 10)}")`;
  if (v instanceof RegExp) return v.toString();
  if (typeof v === 'function') return '(function)';
  if (v instanceof Map) return `Map {${[...v].map(([k, x]) => `${format(k, depth + 1)} => ${format(x, depth + 1)}`).join(', ')}}`;
  if (v instanceof Set) return `Set {${[...v].map((x) => format(x, depth + 1)).join(', ')}}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as { length: number }).length})`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${format(x, depth + 1)}`).join(', ')} }`;
}
