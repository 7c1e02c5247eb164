// The `perflens.*` settings the server reads: their type, defaults and a tolerant reader, pulled per
// resource with workspace/configuration (or pushed by clients that cannot answer it), cached per URI.
import type { Connection } from 'vscode-languageserver/node';
import type { AnalyzeSettings, BenchSettings } from '../engine';

/** The `perflens.*` settings the server reads for one file. Defaults match package.json. */
export interface PerfLensSettings {
  benchmark: { timeoutMs: number; heapMb: number; budgetMs: number; noiseThreshold: number };
  baseline: { label: string };
  llm: { enabled: boolean; baseUrl: string; model: string; timeoutMs: number };
  complexity: { cyclomaticThreshold: number; cognitiveThreshold: number };
  security: { enabled: boolean; objectInjection: 'off' | 'parameters' | 'all'; disabledRules: string[] };
  diagnostics: { rejectSeverity: 'warning' | 'error' };
  runOnSave: boolean;
}

/** Defaults of every server-side setting (package.json `contributes.configuration` shows the same). */
export const DEFAULT_SETTINGS: PerfLensSettings = {
  benchmark: { timeoutMs: 30_000, heapMb: 512, budgetMs: 2_000, noiseThreshold: 0.02 },
  baseline: { label: 'main' },
  llm: { enabled: false, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 20_000 },
  complexity: { cyclomaticThreshold: 10, cognitiveThreshold: 15 },
  security: { enabled: true, objectInjection: 'parameters', disabledRules: [] },
  diagnostics: { rejectSeverity: 'warning' },
  runOnSave: false,
};

/**
 * Merges what a client sent with the defaults, keeping only values of the right type: settings are
 * user-edited JSON, and a wrong type must fall back to the default rather than reach the engine.
 */
export function readSettings(raw: unknown): PerfLensSettings {
  const merge = <T>(defaults: T, value: unknown): T => {
    if (Array.isArray(defaults)) return (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : defaults) as T;
    if (typeof defaults === 'object' && defaults !== null) {
      const src = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      const out: Record<string, unknown> = {};
      for (const [k, d] of Object.entries(defaults)) out[k] = merge(d, src[k]);
      return out as T;
    }
    return (typeof value === typeof defaults && (typeof value !== 'number' || Number.isFinite(value)) ? value : defaults) as T;
  };
  const s = merge(DEFAULT_SETTINGS, raw);
  if (!['off', 'parameters', 'all'].includes(s.security.objectInjection)) s.security.objectInjection = 'parameters';
  if (s.diagnostics.rejectSeverity !== 'error') s.diagnostics.rejectSeverity = 'warning';
  return s;
}

/** Settings per document URI: pulled from the client when it can answer, else what it last pushed. */
export class SettingsSource {
  private readonly cache = new Map<string, Promise<PerfLensSettings>>();
  /** Whether the client answers workspace/configuration (set at initialize). */
  canPull = false;
  private pushed: unknown;

  constructor(private readonly connection: Connection) {}

  /** The settings that apply to `uri`. */
  for(uri: string): Promise<PerfLensSettings> {
    let cached = this.cache.get(uri);
    if (!cached) {
      cached = this.canPull
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'perflens' }).then(readSettings, () => readSettings(undefined))
        : Promise.resolve(readSettings(this.pushed));
      this.cache.set(uri, cached);
    }
    return cached;
  }

  /** A didChangeConfiguration: clients that cannot answer workspace/configuration (Neovim 0.7) push instead. */
  changed(settings: unknown): void {
    this.pushed = (settings as { perflens?: unknown } | null)?.perflens ?? this.pushed;
    this.cache.clear();
  }

  /** Forgets one document's settings (closed). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** Settings -> the engine's static-analysis options. */
export function analyzeSettings(s: PerfLensSettings): AnalyzeSettings {
  return {
    security: { objectInjection: s.security.objectInjection, disabledRules: s.security.disabledRules },
    // The editor's own TypeScript service already reports type errors; checking them again here would
    // only cost time on every pause in typing.
    typeCheck: false,
  };
}

/** Settings -> the engine's benchmark options. */
export function benchSettings(s: PerfLensSettings): BenchSettings {
  return {
    // The sandbox child runs on the same Node as the server: the one `perflens.nodePath` chose.
    nodePath: process.execPath,
    timeoutMs: s.benchmark.timeoutMs,
    heapMb: s.benchmark.heapMb,
    budgetMs: s.benchmark.budgetMs,
    noiseThreshold: s.benchmark.noiseThreshold,
    baselineLabel: s.baseline.label,
    // The key never travels in settings: the VS Code client passes it from SecretStorage in the environment.
    llm: { ...s.llm, apiKey: process.env.PERFLENS_LLM_API_KEY || undefined },
  } as BenchSettings;
}
