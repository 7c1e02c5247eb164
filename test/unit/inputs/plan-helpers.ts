// Shared by the input-synthesis tests: plan a fixture function by qualified name and build its pool.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateFunctions } from '../../../server/src/locate/locate';
import { planInputs, type InputPlan } from '../../../server/src/profile/inputs/index';
import { materialize, type MaterializedPool } from '../../../server/src/profile/inputs/materialize';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'inputs');

/** Plans `qualifiedName` of fixture `file` (a name under test/fixtures/inputs, or an absolute path). */
export function plan(file: string, qualifiedName: string, workspaceRoot?: string): InputPlan {
  const path = file.startsWith('/') ? file : join(FIXTURES, file);
  const text = readFileSync(path, 'utf8');
  const fn = locateFunctions(path, text).functions.find((f) => f.qualifiedName === qualifiedName);
  if (!fn) throw new Error(`fixture ${file} has no function ${qualifiedName}`);
  return planInputs(path, text, fn, workspaceRoot ? { workspaceRoot } : {});
}

/** Plans and materializes one argument list at `size`. */
export function firstArgs(file: string, qualifiedName: string, size = 5, bindings: Record<string, unknown> = {}): unknown[] {
  return pool(plan(file, qualifiedName), size, 1, bindings).args[0];
}

export function pool(p: InputPlan, size: number, count: number, bindings: Record<string, unknown> = {}, seed = 7): MaterializedPool {
  return materialize(p.recipe, { size, seed, count, bindings });
}
