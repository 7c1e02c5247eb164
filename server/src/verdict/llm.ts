// The optional LLM reviewer, through the `openai` package against any chat-completions server (OpenAI,
// Ollama, vLLM, LM Studio...). Temperature 0, JSON-schema output with fallbacks, retries on 429/5xx by the
// SDK, a concurrency limit, and a response cache keyed by a hash of model and prompt.
import OpenAI from 'openai';
import { createHash } from 'node:crypto';
import type { ChatMessage } from './prompt';
import type { Recommendation } from './types';

/** LLM settings. The key comes from the caller (VS Code SecretStorage, or OPENAI_API_KEY in the CLI). */
export interface LlmSettings {
  enabled: boolean;
  /** Chat-completions base URL, e.g. `http://127.0.0.1:11434/v1`; the OpenAI API when omitted. */
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Retries on 429, 5xx, timeouts and connection errors, with exponential backoff (default 2). */
  maxRetries?: number;
}

/** Default model when none is configured. */
export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';

/**
 * LLM settings of the CLI from `OPENAI_BASE_URL`, `OPENAI_API_KEY` and `PERFLENS_LLM_MODEL`.
 * With neither a base URL nor a key the LLM is disabled: no request is ever made.
 */
export function llmSettingsFromEnv(env: NodeJS.ProcessEnv): LlmSettings {
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  return { enabled: Boolean(baseURL || apiKey), baseURL, apiKey, model: env.PERFLENS_LLM_MODEL?.trim() || DEFAULT_LLM_MODEL };
}

/** The LLM's answer, validated. */
export interface LlmAnswer {
  score: number;
  recommendation: Recommendation;
  reasoning: string;
  confidence: number;
  /** Behavioural risks the model sees, each quoting the code it is about (empty when none). */
  risks?: { quote: string; risk: string }[];
}

/** Outcome of one evaluation: an answer (maybe from the cache) or why there is none. */
export type LlmResult = { ok: true; answer: LlmAnswer; cached: boolean } | { ok: false; error: string };

/** Where responses are cached (the history store implements it; `compare` may use a Map). */
export interface LlmCache {
  get(key: string): string | undefined;
  put(key: string, model: string, response: string): void;
}

/** The JSON schema of the answer, for servers that support structured output. */
export const VERDICT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'recommendation', 'reasoning', 'confidence', 'risks'],
  properties: {
    score: { type: 'integer', minimum: 0, maximum: 100 },
    recommendation: { type: 'string', enum: ['ACCEPT', 'REVIEW', 'REJECT'] },
    reasoning: { type: 'string' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    risks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['quote', 'risk'],
        properties: { quote: { type: 'string' }, risk: { type: 'string' } },
      },
    },
  },
} as const;

type OutputMode = 'json_schema' | 'json_object' | 'none';

/** A configured LLM reviewer. Create one per settings change; it remembers what the server supports. */
export class LlmClient {
  private readonly client: OpenAI;
  private mode: OutputMode = 'json_schema';
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly settings: LlmSettings,
    private readonly cache?: LlmCache,
  ) {
    this.client = new OpenAI({
      baseURL: settings.baseURL,
      // Local servers need no key, but the SDK insists on one; never read from the environment here.
      apiKey: settings.apiKey ?? 'no-key',
      timeout: settings.timeoutMs ?? 30_000,
      maxRetries: settings.maxRetries ?? 2,
    });
  }

  /** Whether requests may be made: enabled, and a base URL or a key configured (never a guess at either). */
  get active(): boolean {
    return this.settings.enabled && Boolean(this.settings.baseURL || this.settings.apiKey);
  }

  /** Cache key: a hash of model and prompt. */
  cacheKey(messages: ChatMessage[]): string {
    return createHash('sha256').update(JSON.stringify([this.settings.model, messages])).digest('hex');
  }

  /** Asks the model for a verdict; never throws. */
  async evaluate(messages: ChatMessage[]): Promise<LlmResult> {
    if (!this.active) return { ok: false, error: 'no LLM is configured (set a base URL or an API key)' };
    const key = this.cacheKey(messages);
    const hit = this.cache?.get(key);
    if (hit !== undefined) {
      const answer = validate(hit);
      if (answer) return { ok: true, answer, cached: true };
    }
    await this.acquire();
    try {
      const content = await this.request(messages);
      const answer = validate(content);
      if (!answer) return { ok: false, error: `the LLM (${this.settings.model}) answered without a usable JSON verdict: ${this.scrub(content.slice(0, 160))}` };
      this.cache?.put(key, this.settings.model, JSON.stringify(answer));
      return { ok: true, answer, cached: false };
    } catch (err) {
      return { ok: false, error: this.describe(err) };
    } finally {
      this.release();
    }
  }

  /** One chat completion, stepping down json_schema → json_object → plain text when the server refuses a format. */
  private async request(messages: ChatMessage[]): Promise<string> {
    for (;;) {
      const mode = this.mode;
      try {
        const completion = await this.client.chat.completions.create({
          model: this.settings.model,
          temperature: 0,
          messages,
          ...(mode === 'json_schema'
            ? { response_format: { type: 'json_schema', json_schema: { name: 'perflens_verdict', strict: true, schema: VERDICT_SCHEMA } } }
            : mode === 'json_object'
              ? { response_format: { type: 'json_object' } }
              : {}),
        });
        return completion.choices[0]?.message?.content ?? '';
      } catch (err) {
        if (mode !== 'none' && err instanceof OpenAI.APIError && (err.status === 400 || err.status === 422) && /response_format|json_schema|json_object|schema/i.test(err.message)) {
          this.mode = mode === 'json_schema' ? 'json_object' : 'none';
          continue;
        }
        throw err;
      }
    }
  }

  private describe(err: unknown): string {
    const where = this.settings.baseURL ?? 'the OpenAI API';
    if (err instanceof OpenAI.APIConnectionTimeoutError) return `the LLM at ${where} did not answer within ${this.settings.timeoutMs ?? 30_000} ms`;
    if (err instanceof OpenAI.APIConnectionError) return `cannot reach the LLM at ${where}: ${this.scrub(err.message)}`;
    if (err instanceof OpenAI.APIError) return `the LLM at ${where} returned HTTP ${err.status ?? '?'}: ${this.scrub(err.message)}`;
    return `the LLM request to ${where} failed: ${this.scrub(err instanceof Error ? err.message : String(err))}`;
  }

  /** Removes the key from any text that might be shown or stored. */
  private scrub(text: string): string {
    const key = this.settings.apiKey;
    return key && key.length >= 4 ? text.split(key).join('***') : text;
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < Math.max(1, this.settings.concurrency ?? 2)) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

/** Parses and checks an answer; tolerates prose around the JSON from servers without structured output. */
export function validate(content: string): LlmAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    const start = content.indexOf('{');
    const end = content.lastIndexOf('}');
    if (start < 0 || end <= start) return undefined;
    try {
      value = JSON.parse(content.slice(start, end + 1));
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const score = typeof v.score === 'number' ? v.score : Number(v.score);
  const rec = typeof v.recommendation === 'string' ? v.recommendation.toUpperCase() : '';
  if (!Number.isFinite(score) || !['ACCEPT', 'REVIEW', 'REJECT'].includes(rec) || typeof v.reasoning !== 'string') return undefined;
  let confidence = typeof v.confidence === 'number' ? v.confidence : ({ low: 0.3, medium: 0.6, high: 0.9 } as Record<string, number>)[String(v.confidence).toLowerCase()] ?? 0.5;
  if (confidence > 1 && confidence <= 100) confidence /= 100;
  const risks = Array.isArray(v.risks)
    ? v.risks
        .filter((r): r is { quote: string; risk: string } => typeof r === 'object' && r !== null && typeof r.quote === 'string' && typeof r.risk === 'string')
        .slice(0, 5)
        .map((r) => ({ quote: r.quote.slice(0, 300), risk: r.risk.slice(0, 500) }))
    : [];
  return {
    score: Math.round(Math.min(100, Math.max(0, score))),
    recommendation: rec as Recommendation,
    reasoning: v.reasoning.slice(0, 2000),
    confidence: Math.min(1, Math.max(0, confidence)),
    risks,
  };
}
