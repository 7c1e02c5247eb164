// Name-aware refinement: a `string` called `email` gets an email, a `number` called `decimals` gets 0–4,
// `sorted: number[]` is sorted, and a `target` is drawn from the array it is searched in about half the
// time. Applied after the type decided the kind of value, so a name never changes a value's type.

import type { Format } from './formats';
import { NUMBER_FORMATS, SIZED_FORMATS } from './formats';
import type { ValueRecipe } from './recipe';

/** `baseUrl` → ['base', 'url'], `created_at` → ['created', 'at'], `HTMLText` → ['html', 'text']. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/^[_$#]+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-$]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

/**
 * Words that ask for a format: a rule matches when the whole name (lower-cased, no separators) or its
 * last token is one of its words, so `baseUrl` and `userEmail` match but `format` is not a date (`at`).
 */
const STRING_RULES: Array<[string, Format]> = [
  ['email mail emailaddress mailaddress recipient sender', 'email'],
  ['url uri href endpoint link website origin baseurl homepage webhook', 'url'],
  ['uuid guid id', 'uuid'],
  ['locale lang language lng languagetag localecode', 'locale'],
  ['currency currencycode ccy', 'currency'],
  ['filename basename fname', 'filename'],
  ['dir directory folder cwd root rootdir outdir dirname dirpath', 'dir'],
  ['path filepath fullpath file pathname src dest destination', 'path'],
  ['host hostname domain server', 'host'],
  ['ip ipaddress ipaddr addr', 'ip'],
  ['port', 'port'],
  ['date time timestamp datetime ts since until when deadline expires expiry birthday dob at iso isodate isostring datestring', 'isodate'],
  ['json jsontext jsonstring payload', 'json'],
  ['csv csvtext csvdata tsv', 'csv'],
  ['line row record csvline csvrow', 'csvline'],
  ['html markup xml svg', 'html'],
  ['regex regexp pattern re glob', 'regex'],
  ['phone tel telephone mobile phonenumber', 'phone'],
  ['color colour fill stroke background', 'color'],
  ['country countrycode region', 'country'],
  ['name firstname lastname fullname author displayname owner person customer', 'personName'],
  ['method httpmethod verb', 'httpMethod'],
  ['char chars ch chr character pad padding fillchar quote separator sep delimiter', 'char'],
  ['key slug token tag label category status type kind word username user title topic channel prefix suffix namespace scope', 'word'],
];

/** Words that ask for a number format. */
const NUMBER_RULES: Array<[string, Format]> = [
  ['port', 'port'],
  ['timestamp time ts epoch epochms millis ms now since until deadline expires date at', 'epochms'],
  ['amount price cost total balance money salary fee subtotal tax', 'money'],
  ['percent pct percentage', 'percent'],
  ['ratio fraction rate probability prob p alpha weight opacity share threshold', 'ratio'],
  ['decimals precision digits fractiondigits places dp', 'decimals'],
  ['page pagenumber pageno pageindex', 'page'],
  ['offset skip start from cursor position pos', 'offset'],
  ['year', 'year'],
  ['month', 'month'],
  ['day dayofmonth', 'day'],
  ['hour hours', 'hour'],
  ['minute minutes second seconds', 'minute'],
  ['age', 'age'],
  ['status statuscode httpstatus code', 'httpStatus'],
  ['id', 'idNumber'],
];

/** Names that say an array is sorted. */
const SORTED = /^(sorted|ordered|asc|ascending|ranked|monotonic|increasing)/;
const SORTED_TOKEN = new Set(['sorted', 'ordered', 'ascending', 'asc', 'ranked', 'increasing']);

/** Names of a value looked up in a collection. */
const NEEDLE = /^(target|needle|key|item|value|val|x|search|element|el|elem|wanted|query|term|find|lookup|k|id|word|char|candidate|probe)$/;

function firstMatch(rules: Array<[string, Format]>, name: string): Format | undefined {
  const tokens = nameTokens(name);
  const whole = tokens.join('');
  const last = tokens[tokens.length - 1] ?? whole;
  for (const [words, format] of rules) {
    const set = words.split(' ');
    if (set.includes(whole) || set.includes(last)) return format;
  }
  return undefined;
}

/** The format a string parameter of this name should have, if its name says. */
export function stringFormatFor(name: string): Format | undefined {
  return firstMatch(STRING_RULES, name);
}

/** The format a number parameter of this name should have, if its name says. */
export function numberFormatFor(name: string): Format | undefined {
  return firstMatch(NUMBER_RULES, name);
}

/** `emails` → `email`, `entries` → `entry`, `addresses` → `address`: the element name of a plural. */
export function singular(name: string): string {
  if (/ies$/i.test(name)) return name.slice(0, -3) + 'y';
  if (/(ss|sh|ch|x|z)es$/i.test(name)) return name.slice(0, -2);
  if (/[^s]s$/i.test(name)) return name.slice(0, -1);
  if (/^(list|items|array|values)of/i.test(name)) return name.replace(/^(list|items|array|values)of/i, '');
  return name.replace(/(List|Array|Arr|s)$/, '');
}

/** True when the name says the collection is sorted (`sorted`, `sortedIds`, `orderedTimes`...). */
export function isSortedName(name: string): boolean {
  const whole = name.toLowerCase();
  return SORTED.test(whole) || nameTokens(name).some((t) => SORTED_TOKEN.has(t));
}

/** True when the name says the value is looked up in a collection (`target`, `needle`, `key`...). */
export function isNeedleName(name: string): boolean {
  const tokens = nameTokens(name);
  return NEEDLE.test(name.toLowerCase()) || (tokens.length > 1 && NEEDLE.test(tokens[tokens.length - 1]) && tokens[tokens.length - 1] !== 'id');
}

/**
 * The recipe refined by the parameter's (or field's) name, and whether the name changed it.
 * Only strings, numbers and arrays of them are refined; literals, unions and objects stay as typed.
 */
export function refineByName(name: string, r: ValueRecipe): { recipe: ValueRecipe; byName: boolean } {
  switch (r.kind) {
    case 'string': {
      const f = stringFormatFor(name);
      if (!f) return { recipe: r, byName: false };
      if (f === 'port') return { recipe: { kind: 'format', format: 'port', asString: true }, byName: true };
      // A sized format grows with n like the plain string it replaces; the others are fixed-size values.
      return { recipe: SIZED_FORMATS.has(f) ? { kind: 'format', format: f, sized: r.sized } : { kind: 'format', format: f }, byName: true };
    }
    case 'number': {
      if (r.min !== undefined || r.max !== undefined) return { recipe: r, byName: false };
      const f = numberFormatFor(name);
      // A count stays the size n: `limit` and `size` are how the caller scales the work.
      if (!f || (r.sized && f !== 'page' && f !== 'offset')) return { recipe: r, byName: false };
      return { recipe: { kind: 'format', format: f }, byName: true };
    }
    case 'array': {
      const sorted = isSortedName(name);
      const el = refineByName(singular(name), r.element);
      if (!sorted && !el.byName) return { recipe: r, byName: false };
      const out: ValueRecipe = { ...r, element: el.recipe };
      if (sorted) out.sorted = true;
      return { recipe: out, byName: true };
    }
    default:
      return { recipe: r, byName: false };
  }
}

/** Kinds of recipe a needle can be drawn from: arrays, sets, maps and records (their keys), strings (a substring). */
function isHaystack(r: ValueRecipe): boolean {
  return r.kind === 'array' || r.kind === 'set' || r.kind === 'map' || r.kind === 'record' || (r.kind === 'string' && r.sized);
}

/** Rough element kind, to avoid drawing a string needle from an array of numbers. */
function elementKind(r: ValueRecipe): string | undefined {
  const base = (x: ValueRecipe): string | undefined => (x.kind === 'number' || x.kind === 'format' && NUMBER_FORMATS.has(x.format) ? 'number' : x.kind === 'string' || x.kind === 'format' ? 'string' : x.kind === 'object' ? 'object' : undefined);
  if (r.kind === 'array') return base(r.element);
  if (r.kind === 'set') return base(r.element);
  if (r.kind === 'map' || r.kind === 'record') return base(r.key);
  return 'string';
}

/**
 * For each needle-named parameter whose type fits, a `pick` recipe drawing it from the first
 * collection parameter about half the time (a search hits as well as misses). Returns the indexes changed.
 */
export function drawNeedles(names: string[], recipes: ValueRecipe[]): number[] {
  const changed: number[] = [];
  const hay = recipes.findIndex(isHaystack);
  if (hay < 0) return changed;
  const hayKind = elementKind(recipes[hay]);
  names.forEach((name, k) => {
    if (k === hay || !isNeedleName(name)) return;
    const r = recipes[k];
    const kind = r.kind === 'number' || (r.kind === 'format' && NUMBER_FORMATS.has(r.format)) ? 'number' : r.kind === 'string' || r.kind === 'format' ? 'string' : r.kind === 'array' && r.element.kind === 'number' && r.sized ? 'untyped' : r.kind === 'object' ? 'object' : undefined;
    if (!kind) return;
    // An `id` looked up in an array of records is drawn from their `id` fields.
    const hayR = recipes[hay];
    if (hayKind === 'object' && hayR.kind === 'array' && hayR.element.kind === 'object' && kind !== 'object') {
      const field = hayR.element.fields.find((f) => f.name.toLowerCase() === name.toLowerCase() && !f.optional);
      if (!field) return;
      recipes[k] = { kind: 'pick', from: hay, field: field.name, fallback: r };
      changed.push(k);
      return;
    }
    if (kind !== 'untyped' && hayKind !== undefined && kind !== hayKind) return;
    const fallback: ValueRecipe = kind === 'untyped' ? { kind: 'number', integer: true, min: 0, max: 100 } : r;
    recipes[k] = { kind: 'pick', from: hay, fallback };
    changed.push(k);
  });
  return changed;
}
