// Values in the formats real callers pass (emails, URLs, locales, CSV lines...) and a check per format.
// Generators run in the sandbox child (so this file stays dependency-free); the checks let the corpus
// script and the tests ask "does this example look like what its name promises?".

/** Formats a parameter's name or branded type can ask for; see names.ts for which names map to which. */
export type Format =
  | 'email'
  | 'url'
  | 'uuid'
  | 'locale'
  | 'currency'
  | 'path'
  | 'filename'
  | 'dir'
  | 'host'
  | 'ip'
  | 'port'
  | 'isodate'
  | 'epochms'
  | 'json'
  | 'csv'
  | 'csvline'
  | 'html'
  | 'regex'
  | 'phone'
  | 'color'
  | 'country'
  | 'personName'
  | 'word'
  | 'char'
  | 'money'
  | 'percent'
  | 'ratio'
  | 'decimals'
  | 'page'
  | 'offset'
  | 'year'
  | 'month'
  | 'day'
  | 'hour'
  | 'minute'
  | 'age'
  | 'httpStatus'
  | 'httpMethod'
  | 'idNumber';

/** Formats whose values are numbers (the rest are strings). */
export const NUMBER_FORMATS: ReadonlySet<Format> = new Set<Format>(['port', 'epochms', 'money', 'percent', 'ratio', 'decimals', 'page', 'offset', 'year', 'month', 'day', 'hour', 'minute', 'age', 'httpStatus', 'idNumber']);

/** Formats whose size grows with n (a CSV text has n rows, a line n fields, JSON n entries, HTML n elements). */
export const SIZED_FORMATS: ReadonlySet<Format> = new Set<Format>(['json', 'csv', 'csvline', 'html']);

const FIRST = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'margaret', 'linus', 'ken', 'radia'];
const LAST = ['lovelace', 'hopper', 'turing', 'dijkstra', 'liskov', 'knuth', 'hamilton', 'torvalds', 'thompson', 'perlman'];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example.io'];
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'pt-BR', 'es-ES', 'hi-IN'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'INR', 'BRL'];
const COUNTRIES = ['US', 'DE', 'FR', 'JP', 'BR', 'IN', 'GB', 'CA'];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
const EXTS = ['txt', 'csv', 'json', 'md', 'log', 'ts'];
const REGEXES = ['^[a-z]+$', '\\d{3}-\\d{4}', '(foo|bar)+', '^\\w+@\\w+\\.com$', '[A-Z][a-z]*', '\\s+'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const TAGS = ['p', 'span', 'li', 'div', 'em', 'a'];

/** A random source in [0, 1) and the size n: what the generators need from materialize(). */
export interface FormatCtx {
  rand: () => number;
  n: number;
  /** True inside a collection that already has n items: sized formats stay small. */
  nested: boolean;
}

const pick = <T>(c: FormatCtx, xs: readonly T[]): T => xs[Math.floor(c.rand() * xs.length)];
const int = (c: FormatCtx, lo: number, hi: number): number => lo + Math.floor(c.rand() * (hi - lo + 1));
const hex = (c: FormatCtx, len: number): string => {
  let s = '';
  for (let k = 0; k < len; k++) s += '0123456789abcdef'[Math.floor(c.rand() * 16)];
  return s;
};
const size = (c: FormatCtx): number => (c.nested ? int(c, 1, 4) : Math.max(1, c.n));

/** One value of `format`, seeded by `c.rand`. */
export function generateFormat(format: Format, c: FormatCtx): string | number {
  switch (format) {
    case 'email':
      return `${pick(c, FIRST)}.${pick(c, LAST)}${int(c, 1, 99)}@${pick(c, DOMAINS)}`;
    case 'url':
      return `https://${pick(c, ['api.', 'www.', ''])}${pick(c, DOMAINS)}/${pick(c, WORDS)}/${int(c, 1, 999)}?q=${pick(c, WORDS)}`;
    case 'uuid':
      return `${hex(c, 8)}-${hex(c, 4)}-4${hex(c, 3)}-${pick(c, ['8', '9', 'a', 'b'])}${hex(c, 3)}-${hex(c, 12)}`;
    case 'locale':
      return pick(c, LOCALES);
    case 'currency':
      return pick(c, CURRENCIES);
    case 'path':
      return `/srv/app/${pick(c, WORDS)}/${pick(c, WORDS)}-${int(c, 1, 99)}.${pick(c, EXTS)}`;
    case 'filename':
      return `${pick(c, WORDS)}-${int(c, 1, 99)}.${pick(c, EXTS)}`;
    case 'dir':
      return `/srv/app/${pick(c, WORDS)}/${pick(c, WORDS)}`;
    case 'host':
      return pick(c, ['localhost', 'api.example.com', 'db.internal.example.org', '127.0.0.1']);
    case 'ip':
      return `${int(c, 10, 192)}.${int(c, 0, 255)}.${int(c, 0, 255)}.${int(c, 1, 254)}`;
    case 'port':
      return pick(c, [80, 443, 3000, 5432, 6379, 8080, int(c, 1024, 65535)]);
    case 'isodate':
      return new Date(Date.UTC(2020, 0, 1) + Math.floor(c.rand() * 5 * 365 * 86_400_000)).toISOString();
    case 'epochms':
      return Date.UTC(2020, 0, 1) + Math.floor(c.rand() * 5 * 365 * 86_400_000);
    case 'json': {
      const items: string[] = [];
      for (let k = 0, len = size(c); k < len; k++) items.push(`{"id":${k + 1},"name":"${pick(c, FIRST)}","score":${int(c, 0, 100)}}`);
      return `[${items.join(',')}]`;
    }
    case 'csv': {
      const rows = ['id,name,email,amount'];
      for (let k = 0, len = size(c); k < len; k++) rows.push(`${k + 1},${pick(c, FIRST)},${pick(c, FIRST)}@${pick(c, DOMAINS)},${(c.rand() * 1000).toFixed(2)}`);
      return rows.join('\n');
    }
    case 'csvline': {
      const fields: string[] = [];
      for (let k = 0, len = size(c); k < len; k++) fields.push(k % 3 === 2 ? String(int(c, 0, 9999)) : k % 5 === 4 ? `"${pick(c, WORDS)}, ${pick(c, WORDS)}"` : pick(c, WORDS));
      return fields.join(',');
    }
    case 'html': {
      const parts: string[] = [];
      for (let k = 0, len = size(c); k < len; k++) {
        const t = pick(c, TAGS);
        parts.push(t === 'a' ? `<a href="/${pick(c, WORDS)}">${pick(c, WORDS)}</a>` : `<${t} class="${pick(c, WORDS)}">${pick(c, WORDS)} &amp; ${pick(c, WORDS)}</${t}>`);
      }
      return `<div>${parts.join('')}</div>`;
    }
    case 'regex':
      return pick(c, REGEXES);
    case 'phone':
      return `+1-555-${String(int(c, 0, 9999)).padStart(4, '0')}`;
    case 'color':
      return `#${hex(c, 6)}`;
    case 'country':
      return pick(c, COUNTRIES);
    case 'personName':
      return `${cap(pick(c, FIRST))} ${cap(pick(c, LAST))}`;
    case 'word':
      return pick(c, WORDS);
    case 'char':
      return pick(c, [' ', '-', '_', ',', '.', '/', 'x']);
    case 'money':
      return Math.round(c.rand() * 100_000) / 100;
    case 'percent':
      return int(c, 0, 100);
    case 'ratio':
      return Math.round(c.rand() * 1000) / 1000;
    case 'decimals':
      return int(c, 0, 4);
    case 'page':
      return int(c, 1, 10);
    case 'offset':
      return int(c, 0, 50);
    case 'year':
      return int(c, 1990, 2030);
    case 'month':
      return int(c, 1, 12);
    case 'day':
      return int(c, 1, 28);
    case 'hour':
      return int(c, 0, 23);
    case 'minute':
      return int(c, 0, 59);
    case 'age':
      return int(c, 18, 90);
    case 'httpStatus':
      return pick(c, [200, 201, 204, 301, 400, 404, 500]);
    case 'httpMethod':
      return pick(c, METHODS);
    case 'idNumber':
      return int(c, 1, 1000);
  }
}

const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

/** True when `value` is a well-formed value of `format` (what a real caller could pass). */
export function formatOk(format: Format, value: unknown): boolean {
  const s = typeof value === 'string' ? value : undefined;
  const n = typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  const intIn = (lo: number, hi: number): boolean => n !== undefined && Number.isInteger(n) && n >= lo && n <= hi;
  switch (format) {
    case 'email':
      return s !== undefined && /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(s);
    case 'url':
      return s !== undefined && canParseUrl(s);
    case 'uuid':
      return s !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
    case 'locale':
      return s !== undefined && supportedLocale(s);
    case 'currency':
      return s !== undefined && /^[A-Z]{3}$/.test(s) && supportedCurrency(s);
    case 'path':
    case 'dir':
      return s !== undefined && /^(\/|\.{1,2}\/|[A-Za-z]:\\)?[\w.\-/\\ ]+$/.test(s) && s.length > 0;
    case 'filename':
      return s !== undefined && /^[\w.\- ]+\.\w+$/.test(s);
    case 'host':
      return s !== undefined && /^([a-z0-9-]+\.)*[a-z0-9-]+$/i.test(s);
    case 'ip':
      return s !== undefined && /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255);
    case 'port':
      return intIn(1, 65535) || (s !== undefined && /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535);
    case 'isodate':
      return (s !== undefined && !Number.isNaN(Date.parse(s))) || (value instanceof Date && !Number.isNaN(value.getTime()));
    case 'epochms':
      return (n !== undefined && n > 0 && !Number.isNaN(new Date(n).getTime())) || (value instanceof Date && !Number.isNaN(value.getTime())) || (s !== undefined && !Number.isNaN(Date.parse(s)));
    case 'json':
      if (s === undefined) return false;
      try {
        JSON.parse(s);
        return true;
      } catch {
        return false;
      }
    case 'csv':
      return s !== undefined && s.includes(',') && s.includes('\n');
    case 'csvline':
      return s !== undefined && s.includes(',') && !s.includes('\n');
    case 'html':
      return s !== undefined && /<[a-z][\s\S]*>/i.test(s);
    case 'regex':
      if (value instanceof RegExp) return true;
      if (s === undefined) return false;
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    case 'phone':
      return s !== undefined && /^\+?[\d\- ()]{7,}$/.test(s);
    case 'color':
      return s !== undefined && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(s);
    case 'country':
      return s !== undefined && /^[A-Z]{2}$/.test(s);
    case 'personName':
    case 'word':
      return s !== undefined && /^[\p{L}][\p{L} .'-]*$/u.test(s);
    case 'char':
      return s !== undefined && [...s].length === 1;
    case 'money':
      return n !== undefined && n >= 0 && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
    case 'percent':
      return n !== undefined && n >= 0 && n <= 100;
    case 'ratio':
      return n !== undefined && n >= 0 && n <= 1;
    case 'decimals':
      return intIn(0, 20);
    case 'page':
      return intIn(0, 1_000_000);
    case 'offset':
      return intIn(0, Number.MAX_SAFE_INTEGER);
    case 'year':
      return intIn(1000, 9999);
    case 'month':
      return intIn(0, 12);
    case 'day':
      return intIn(1, 31);
    case 'hour':
      return intIn(0, 23);
    case 'minute':
      return intIn(0, 59);
    case 'age':
      return intIn(0, 150);
    case 'httpStatus':
      return intIn(100, 599);
    case 'httpMethod':
      return s !== undefined && /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/i.test(s);
    case 'idNumber':
      return intIn(0, Number.MAX_SAFE_INTEGER) || (s !== undefined && s.length > 0);
  }
}

function canParseUrl(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function supportedLocale(s: string): boolean {
  try {
    return Intl.getCanonicalLocales(s).length === 1 && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s);
  } catch {
    return false;
  }
}

function supportedCurrency(s: string): boolean {
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: s });
    return true;
  } catch {
    return false;
  }
}
