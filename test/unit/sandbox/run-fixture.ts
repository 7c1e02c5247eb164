// Test helper (not a test): bundles one fixture function and runs it in a real sandbox child with an
// explicit input recipe, so sandbox and harness tests do not depend on input synthesis.
import { readFileSync } from 'node:fs';
import type { InputRecipe, ValueRecipe } from '../../../server/src/profile/inputs/recipe';
import type { ChildJob, VariantJob } from '../../../server/src/profile/sandbox/contract';
import { createSandboxDir, prepareBundle, removeSandboxDir } from '../../../server/src/profile/sandbox/prepare';
import { runInSandbox, type ChildOutcome, type SpawnOptions } from '../../../server/src/profile/sandbox/spawn';

/** A number parameter (the hostile and target fixtures take one). */
export const NUMBER: ValueRecipe = { kind: 'number', integer: true, min: 1, max: 100 };

export interface FixtureRun {
  outcome: ChildOutcome;
  elapsedMs: number;
  sandboxDir: string;
}

/** Runs `qualifiedName` of `file`; variants are replacement texts keyed by id (`target` = the file as is). */
export async function runFixture(
  file: string,
  qualifiedName: string,
  opts: {
    recipe?: InputRecipe;
    variants?: Record<string, string | undefined>;
    budgetMs?: number;
    memory?: boolean;
    growth?: { budgetMs: number; maxSize: number } | null;
    size?: number;
    spawn?: SpawnOptions;
    keepDir?: boolean;
    onSandboxDir?: (dir: string) => void;
  } = {},
): Promise<FixtureRun> {
  const text = readFileSync(file, 'utf8');
  const recipe = opts.recipe ?? { params: [NUMBER], bindings: [] };
  const sandboxDir = await createSandboxDir();
  opts.onSandboxDir?.(sandboxDir);
  try {
    const variants: VariantJob[] = [];
    for (const [id, replacementText] of Object.entries(opts.variants ?? { target: undefined })) {
      const prepared = await prepareBundle({ file, text, qualifiedName, bindings: recipe.bindings, sandboxDir, variantId: id, ...(replacementText !== undefined ? { replacementText } : {}) });
      if (!prepared.ok) return { outcome: { ok: false, ready: false, error: prepared.error, isolation: 'permission-model' }, elapsedMs: 0, sandboxDir };
      const b = prepared.bundle;
      variants.push({ id, bundlePath: b.bundlePath, sourceFile: b.sourceFile, access: b.access, qualifiedName, ...(b.hoistedFrom ? { hoistedFrom: b.hoistedFrom } : {}) });
    }
    const job: ChildJob = {
      protocol: 1,
      sandboxDir,
      variants,
      recipe,
      size: opts.size ?? 100,
      seed: 42,
      poolSize: 8,
      timing: { budgetMs: opts.budgetMs ?? 150, minSamples: 5, maxSamples: 2000, targetSampleNs: 1_000_000 },
      memory: opts.memory ?? false,
      growth: opts.growth ?? null,
    };
    const t0 = Date.now();
    const outcome = await runInSandbox(job, { timeoutMs: 10_000, ...opts.spawn });
    return { outcome, elapsedMs: Date.now() - t0, sandboxDir };
  } finally {
    if (!opts.keepDir) await removeSandboxDir(sandboxDir);
  }
}
