// The profile pass from the parent's side: after the timed child, a third sandbox child profiles each
// variant (lines/pass.ts) and its raw profile is mapped here to the user's lines (lines/map.ts).
// That child needs an inspector session, which Node's permission model refuses, so it runs without
// layer 2 — and therefore only where the OS namespaces hold it, exactly like the coverage pass;
// elsewhere the pass is skipped with a warning (docs/security.md). It never runs in the timed child.

import { readFile } from 'node:fs/promises';
import type { ChildJob } from '../sandbox/contract';
import { runInSandbox, type SpawnOptions } from '../sandbox/spawn';
import { mapProfile, type ProfiledBundle } from './map';
import type { LineProfile, ProfileJob } from './types';

/**
 * The profile pass: V8 samples every 40 µs (its default is 1 ms) until 2,000 ticks fell in the function,
 * which puts a 1% line within ±0.5% at 95%, for at most 450 ms, after 100 ms of warm-up of the profiling
 * loop (the child is fresh: its code must be optimised again first); then 100 ms of allocation sampling
 * every 8 KB. With the child's start they stay under the 1 s extra the pass may cost.
 */
export const PROFILE_JOB: ProfileJob = { intervalUs: 40, minTicks: 2000, maxMs: 450, warmMs: 100, heapIntervalBytes: 8192, heapMs: 100 };

/** The profile child's own time limit: far below a timed run's, as it times nothing. */
const PROFILE_TIMEOUT_MS = 15_000;

/** A variant's bundle as the mapper needs it (its text is read after the child ran). */
export type BundleInfo = Omit<ProfiledBundle, 'bundleText'>;

/** What the pass needs: the timed child's job (with the pool it timed), the bundles and each variant's timed median. */
export interface LinePassRequest {
  job: ChildJob;
  bundles: BundleInfo[];
  medians: number[];
  spawn: SpawnOptions;
  /** Whether the OS namespaces hold this run (`isolation` is `namespaces`). */
  isolated: boolean;
}

/** Per variant, in job order, its line costs (null: none), and a warning when the pass did not run or failed. */
export interface LinePassResult {
  profiles: Array<LineProfile | null>;
  warning?: string;
}

/** Runs the profile child and maps what it found. Never fails the run: a problem becomes a warning. */
export async function profileLines(r: LinePassRequest): Promise<LinePassResult> {
  const none = r.bundles.map(() => null);
  if (!r.isolated) {
    return { profiles: none, warning: 'line costs: not measured without OS isolation (the profile pass needs an inspector session, which the permission model refuses)' };
  }
  const spawn: SpawnOptions = { ...r.spawn, timeoutMs: Math.min(r.spawn.timeoutMs ?? PROFILE_TIMEOUT_MS, PROFILE_TIMEOUT_MS) };
  const pass = await runInSandbox({ ...r.job, growth: null, memory: false, coverage: undefined, profile: PROFILE_JOB }, spawn);
  if (!pass.ok) return { profiles: none, warning: `line costs: not measured (${pass.error.message})` };
  const raw = pass.result.profiles ?? [];
  // Mapped here, while the bundles (and their source maps) still exist.
  const profiles = await Promise.all(
    r.bundles.map(async (bundle, k) => {
      const p = raw[k];
      if (!p) return null;
      const bundleText = await readFile(bundle.bundlePath, 'utf8').catch(() => undefined);
      return bundleText === undefined ? null : mapProfile(p, { ...bundle, bundleText }, r.medians[k] ?? 0);
    }),
  );
  const warnings = pass.result.warnings.filter((w) => w.includes('line costs'));
  return warnings.length ? { profiles, warning: warnings.join('; ') } : { profiles };
}
