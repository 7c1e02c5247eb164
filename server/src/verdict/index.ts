// The verdict module's public surface: classification, rules, LLM client, the combined decision.
export * from './types';
export * from './classify';
export { rulesVerdict } from './rules';
export { decideVerdict, reconcile, type DecideOptions } from './decide';
export { LlmClient, llmSettingsFromEnv, DEFAULT_LLM_MODEL, type LlmSettings, type LlmCache, type LlmResult, type LlmAnswer } from './llm';
export { buildVerdictPrompt, lineDiff, type ChatMessage } from './prompt';
export { readIntent, docDelta, type ReadIntent, type IntentKind } from './intent';
export { findingsDelta, changedLines, type FindingsDelta } from './findings';
export { changeIntent, moduleDeclarationsUsed, commentsIn } from './context';
