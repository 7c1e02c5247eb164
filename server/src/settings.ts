// The `perflens.*` settings, shared by the VS Code client and the language server: their type, their
// defaults (held equal to package.json's `contributes.configuration` by a test) and a tolerant reader.
// Plain data only: no vscode or LSP imports.

/** Every `perflens.*` setting. Client-only ones (`nodePath`, `history.dbPath`) shape the server process. */
export interface PerfLensSettings {
  nodePath: string;
  history: { dbPath: string };
  benchmark: { timeoutMs: number; heapMb: number; budgetMs: number; noiseThreshold: number };
  baseline: { label: string };
  llm: { enabled: boolean; baseUrl: string; model: string; timeoutMs: number };
  complexity: { cyclomaticThreshold: number; cognitiveThreshold: number };
  security: { enabled: boolean; objectInjection: ObjectInjectionMode; disabledRules: string[] };
  diagnostics: { rejectSeverity: RejectSeverity };
  /** Which results pop up as messages; every result is logged once either way. */
  notifications: NotificationLevel;
  lens: { constructors: boolean; show: LensPart[] };
  sandbox: { env: string[]; requireIsolation: boolean };
  runOnSave: boolean;
}

/** Values of `perflens.security.objectInjection`. */
export const OBJECT_INJECTION_MODES = ['off', 'parameters', 'all'] as const;
export type ObjectInjectionMode = (typeof OBJECT_INJECTION_MODES)[number];
/** Values of `perflens.diagnostics.rejectSeverity`. */
export const REJECT_SEVERITIES = ['warning', 'error'] as const;
export type RejectSeverity = (typeof REJECT_SEVERITIES)[number];
/** Values of `perflens.notifications`: errors (and decisions such as a REJECT), everything, or nothing. */
export const NOTIFICATION_LEVELS = ['errors', 'all', 'none'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];
/** The parts a lens can show (`perflens.lens.show`). */
export const LENS_PARTS = ['time', 'growth', 'complexity', 'verdict'] as const;
export type LensPart = (typeof LENS_PARTS)[number];

/** The defaults of every setting (package.json `contributes.configuration` shows the same). */
export const DEFAULT_SETTINGS: PerfLensSettings = {
  nodePath: '',
  history: { dbPath: '' },
  benchmark: { timeoutMs: 30_000, heapMb: 512, budgetMs: 2_000, noiseThreshold: 0.02 },
  baseline: { label: 'main' },
  llm: { enabled: false, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 20_000 },
  complexity: { cyclomaticThreshold: 10, cognitiveThreshold: 15 },
  security: { enabled: true, objectInjection: 'parameters', disabledRules: [] },
  diagnostics: { rejectSeverity: 'warning' },
  notifications: 'errors',
  lens: { constructors: false, show: [...LENS_PARTS] },
  sandbox: { env: [], requireIsolation: false },
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
  if (!OBJECT_INJECTION_MODES.includes(s.security.objectInjection)) s.security.objectInjection = DEFAULT_SETTINGS.security.objectInjection;
  if (!REJECT_SEVERITIES.includes(s.diagnostics.rejectSeverity)) s.diagnostics.rejectSeverity = DEFAULT_SETTINGS.diagnostics.rejectSeverity;
  if (!NOTIFICATION_LEVELS.includes(s.notifications)) s.notifications = DEFAULT_SETTINGS.notifications;
  s.lens.show = s.lens.show.filter((p): p is LensPart => (LENS_PARTS as readonly string[]).includes(p));
  return s;
}
