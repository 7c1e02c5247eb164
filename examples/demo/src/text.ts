/** Text helpers a typical app has. */

/** Counts how often each lower-cased word occurs in `text`. */
export function wordFrequency(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().split(/\W+/)) {
    if (!word) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Turns a title into a URL slug. */
export const slugify = (title: string): string =>
  title
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export class Tokenizer {
  constructor(private readonly separator: string = ' ') {}

  /** Splits `line` into tokens, dropping empty ones. */
  tokens(line: string): string[] {
    return line.split(this.separator).filter((t) => t.length > 0);
  }
}
