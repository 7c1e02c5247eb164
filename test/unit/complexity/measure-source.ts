// Test helper: parse, locate and measure every function of a snippet, keyed by qualified name.
import { parseFile } from '../../../server/src/locate/parse';
import { locateNodes } from '../../../server/src/locate/locate';
import { measureComplexity, type ComplexityMetrics } from '../../../server/src/analyze/complexity';

/** Metrics of every located function in `code`, by qualified name. */
export function measureSource(code: string, file = 'snippet.ts'): Map<string, ComplexityMetrics> {
  const parsed = parseFile(file, code);
  const out = new Map<string, ComplexityMetrics>();
  for (const located of locateNodes(parsed)) out.set(located.fn.qualifiedName, measureComplexity(parsed, located));
  return out;
}

/** Metrics of the one function named `name` in `code`; fails loudly when the locator did not find it. */
export function measureOne(code: string, name: string, file = 'snippet.ts'): ComplexityMetrics {
  const metrics = measureSource(code, file).get(name);
  if (!metrics) throw new Error(`no located function "${name}" in the snippet`);
  return metrics;
}
