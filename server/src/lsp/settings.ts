// The server's side of the `perflens.*` settings (type, defaults and reader live in ../settings.ts, shared
// with the client): pulled per resource with workspace/configuration (or pushed by clients that cannot
// answer it), cached per URI, and turned into the engine's options.
import type { Connection } from 'vscode-languageserver/node';
import type { AnalyzeSettings, BenchSettings } from '../engine';
import { readSettings, type PerfLensSettings } from '../settings';

export { DEFAULT_SETTINGS, readSettings, type LensPart, type NotificationLevel, type PerfLensSettings } from '../settings';

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
    sandboxEnv: s.sandbox.env,
    requireIsolation: s.sandbox.requireIsolation,
    // The key never travels in settings: the VS Code client passes it from SecretStorage in the environment.
    llm: { ...s.llm, apiKey: process.env.PERFLENS_LLM_API_KEY || undefined },
  } as BenchSettings;
}
