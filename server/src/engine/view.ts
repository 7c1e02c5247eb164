// One view of a run: computed once from what the sandbox measured, stored with the run, and read back
// unchanged by the lens, the hover, the panel and the CLI. Also which stored run answers for the code
// on screen.
import type { BenchResult, TimingSummary, VariantResult } from '../profile';
import type { FunctionStatus, RunView } from '../history/types';

/** The view of a benchmark of its own (failed or not). Blocks of the result beyond the figures ride along in `detail`. */
export function benchView(result: BenchResult): RunView {
  // The rest of the result (inputs, mocks, warnings, and whatever a later result adds) is kept as it is.
  const { function: _name, status, error, timing, memory, growth, samplesNs: _samples, ...detail } = result;
  const view: RunView = { kind: 'bench', ok: status === 'ok' && timing !== null, ...(timing ? timingFigures(timing) : {}), detail };
  if (!view.ok) view.failure = { kind: error?.kind ?? 'crash', message: error?.message ?? 'the benchmark failed' };
  if (memory) view.allocatedBytesPerCall = memory.allocatedBytesPerCall;
  if (growth && growth.order !== 'not size-dependent') view.growthOrder = growth.order;
  return view;
}

/** The view of one side of an interleaved comparison. */
export function interleavedView(v: VariantResult): RunView {
  return { kind: 'interleaved', ok: true, ...timingFigures(v.timing), ...(v.memory ? { allocatedBytesPerCall: v.memory.allocatedBytesPerCall } : {}) };
}

function timingFigures(t: TimingSummary): Pick<RunView, 'medianNs' | 'ci95Ns' | 'spread' | 'samples'> {
  return {
    medianNs: t.medianNs,
    ci95Ns: t.ci95Ns,
    ...(t.medianNs > 0 && Number.isFinite(t.madNs) ? { spread: Math.round((t.madNs / t.medianNs) * 10_000) / 10_000 } : {}),
    samples: t.samples,
  };
}

/**
 * What to show for a function whose code on screen has content hash `hash`: the run of that very
 * version when there is one (fresh), else the newest run of any version, marked stale.
 */
export function statusFor(statuses: readonly FunctionStatus[], qualifiedName: string, hash: string | undefined): { status: FunctionStatus; stale: boolean } | undefined {
  let newest: FunctionStatus | undefined;
  for (const s of statuses) {
    if (s.qualifiedName !== qualifiedName) continue;
    if (hash !== undefined && s.hash === hash) return { status: s, stale: false };
    if (!newest || s.createdAt > newest.createdAt) newest = s;
  }
  return newest && { status: newest, stale: hash !== undefined && newest.hash !== hash };
}
