import { z } from 'zod';
import { positiveInt } from './fetch.js';

// The LLM is "configured" when OPENAI_API_KEY or OPENAI_BASE_URL is set: local OpenAI-compatible
// servers (Ollama, vLLM, llama.cpp) usually need no key, so a base URL alone is enough.

/**
 * Default model: gpt-4.1-mini. It supports strict JSON-schema structured output, is cheap and fast,
 * and is not a reasoning model, so the output cap bounds the whole reply (reasoning models spend
 * hidden tokens from the same cap) and a low temperature is accepted.
 */
export const DEFAULT_LLM_MODEL = 'gpt-4.1-mini';
/** The SDK refuses to start without a key; local servers ignore whatever we send. */
export const PLACEHOLDER_API_KEY = 'no-key-needed';

export interface LlmConfig {
  apiKey: string;
  /** null = api.openai.com. */
  baseURL: string | null;
  model: string;
  /** ISO 639 code of the language to write briefs in; null = the article's own language. */
  language: string | null;
  /** Per request; tens of seconds, not the SDK's 10 minutes. */
  timeoutMs: number;
  /** Retries after a 429, 5xx or connection error; never after 400/401/403. */
  maxRetries: number;
  /** A retry-after longer than this is not waited for: the user gets the extractive brief instead. */
  retryAfterCapMs: number;
  /**
   * Article tokens sent at most; longer articles are cut to the lead and the densest paragraphs.
   * 1,500 (about 1,100 words) keeps most news stories whole (CNN's average is ~900) and leaves a
   * 4k-context local model room for the prompt and the answer.
   */
  maxInputTokens: number;
  maxOutputTokens: number;
  /**
   * OpenAI rejects max_tokens for newer models and wants max_completion_tokens; many local servers
   * only know max_tokens. "auto" picks by endpoint: api.openai.com or not.
   */
  tokenLimitParam: 'max_tokens' | 'max_completion_tokens';
}

export const llmEnv = z.object({
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:11434/v1' })
    .optional(),
  BRIEF_LLM_MODEL: z.string().min(1).default(DEFAULT_LLM_MODEL),
  BRIEF_LANGUAGE: z
    .string()
    .regex(
      /^(auto|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?)$/,
      'must be a language code such as en, de or pt-BR, or auto',
    )
    .optional(),
  BRIEF_LLM_TIMEOUT_MS: positiveInt(30_000),
  BRIEF_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(2).default(1),
  BRIEF_LLM_RETRY_AFTER_CAP_MS: z.coerce.number().int().min(0).default(10_000),
  BRIEF_LLM_MAX_INPUT_TOKENS: z.coerce.number().int().min(200).default(1_500),
  BRIEF_LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(200).default(800),
  BRIEF_LLM_TOKEN_PARAM: z.enum(['auto', 'max_tokens', 'max_completion_tokens']).default('auto'),
});
export type LlmEnv = z.infer<typeof llmEnv>;

export function llmConfigOf(e: LlmEnv): LlmConfig | null {
  if (!e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) return null;
  const baseURL = e.OPENAI_BASE_URL ?? null;
  const official = baseURL === null || new URL(baseURL).hostname === 'api.openai.com';
  return {
    apiKey: e.OPENAI_API_KEY ?? PLACEHOLDER_API_KEY,
    baseURL,
    model: e.BRIEF_LLM_MODEL,
    language: !e.BRIEF_LANGUAGE || e.BRIEF_LANGUAGE === 'auto' ? null : e.BRIEF_LANGUAGE,
    timeoutMs: e.BRIEF_LLM_TIMEOUT_MS,
    maxRetries: e.BRIEF_LLM_MAX_RETRIES,
    retryAfterCapMs: e.BRIEF_LLM_RETRY_AFTER_CAP_MS,
    maxInputTokens: e.BRIEF_LLM_MAX_INPUT_TOKENS,
    maxOutputTokens: e.BRIEF_LLM_MAX_OUTPUT_TOKENS,
    tokenLimitParam:
      e.BRIEF_LLM_TOKEN_PARAM !== 'auto'
        ? e.BRIEF_LLM_TOKEN_PARAM
        : official
          ? 'max_completion_tokens'
          : 'max_tokens',
  };
}
