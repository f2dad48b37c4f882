import OpenAI from 'openai';
import type { LlmConfig } from '../../config.js';

/**
 * The openai client with an explicit timeout (the SDK's default is 10 minutes) and its own
 * retries off: chat-call.ts retries with a capped retry-after and the caller's deadline.
 */
export function createOpenAIClient(
  config: Pick<LlmConfig, 'apiKey' | 'baseURL' | 'timeoutMs'>,
  fetchImpl?: typeof fetch,
): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? undefined,
    timeout: config.timeoutMs,
    maxRetries: 0,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
