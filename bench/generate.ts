// Synthetic source files of a given size for the benchmark scripts: varied, realistic function forms.

const templates: ((i: number) => string)[] = [
  (i) => `export function compute${i}(xs: number[], limit = 10): number {
  let total = 0;
  for (const x of xs) {
    if (x > limit && x % 2 === 0) total += x;
    else if (x < 0 || x === limit) total -= x;
  }
  return total ?? 0;
}
`,
  (i) => `export const transform${i} = (items: { id: number; name?: string }[]) =>
  items
    .filter((it) => it.name?.length)
    .map((it) => ({ ...it, label: \`#\${it.id} \${it.name}\` }));
`,
  (i) => `export class Store${i} {
  private readonly data = new Map<string, number>();
  get size(): number {
    return this.data.size;
  }
  put(key: string, value: number): void {
    if (!key) throw new Error('empty key');
    this.data.set(key, value);
  }
  static of(entries: [string, number][]): Store${i} {
    const s = new Store${i}();
    for (const [k, v] of entries) s.put(k, v);
    return s;
  }
}
`,
  (i) => `const handlers${i} = {
  parse(text: string) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  },
  pick: function (o: Record<string, unknown>, k: string) {
    switch (typeof o[k]) {
      case 'string': return o[k];
      case 'number': return Number(o[k]);
      default: return undefined;
    }
  },
};
export { handlers${i} };
`,
];

/** A TypeScript file of at least `lines` lines built from the templates above. */
export function generateSource(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const part = templates[i % templates.length]!(i);
    parts.push(part);
    count += part.split('\n').length - 1;
  }
  return parts.join('\n');
}
