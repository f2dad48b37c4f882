import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type OpenAI,
} from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { LlmFailure } from './failure.js';

/**
 * One chat completion with our own retry policy. The SDK's retries are off (maxRetries: 0)
 * because openai 6 sleeps for whatever retry-after a server sends, uncapped and deaf to the abort
 * signal, and it retries timeouts; a Slack or Discord reply cannot wait for that.
 */
export interface CallPolicy {
  timeoutMs: number;
  /** Retries after 429, 408/409, 5xx and connection errors; never after other 4xx or a timeout. */
  maxRetries: number;
  /** Longer retry-after than this: give up at once and let the caller fall back. */
  retryAfterCapMs: number;
  /** Backoff when the server gives no retry-after. */
  baseBackoffMs?: number;
}

export async function createChatCompletion(
  client: OpenAI,
  body: ChatCompletionCreateParamsNonStreaming,
  policy: CallPolicy,
  signal?: AbortSignal,
): Promise<ChatCompletion> {
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new LlmFailure('aborted', 'the caller gave up before the model call');
    try {
      return await withDeadline(policy.timeoutMs, signal, (attemptSignal) =>
        client.chat.completions.create(body, {
          signal: attemptSignal,
          timeout: policy.timeoutMs,
          maxRetries: 0,
        }),
      );
    } catch (err) {
      const failure = classify(err, signal, policy.timeoutMs);
      const wait = retryDelay(err, failure, attempt, policy);
      if (wait === null || attempt >= policy.maxRetries) throw failure;
      await sleep(wait, signal);
    }
  }
}

class DeadlineExceeded extends Error {}

/**
 * The SDK's timeout stops at the response headers; a server that sends headers and then stalls
 * the body would hang forever. Our own timer covers the whole exchange.
 */
async function withDeadline<T>(
  ms: number,
  caller: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded()), ms);
  try {
    return await run(controller.signal);
  } catch (err) {
    if (controller.signal.reason instanceof DeadlineExceeded) throw new APIConnectionTimeoutError();
    throw err;
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onAbort);
  }
}

function classify(err: unknown, caller: AbortSignal | undefined, timeoutMs: number): LlmFailure {
  if (caller?.aborted)
    return new LlmFailure('aborted', 'the caller gave up during the model call', { cause: err });
  if (err instanceof APIConnectionTimeoutError) {
    return new LlmFailure('timeout', `no answer within ${timeoutMs} ms`, { cause: err });
  }
  if (err instanceof APIUserAbortError)
    return new LlmFailure('aborted', 'model call aborted', { cause: err });
  if (err instanceof APIConnectionError) return new LlmFailure('connection', err.message, { cause: err });
  if (err instanceof APIError) {
    const status: number = (err.status as number | undefined) ?? 0;
    const detail = `HTTP ${status} from the model endpoint`;
    if (status === 401 || status === 403) return new LlmFailure('auth', detail, { cause: err });
    if (status === 429) return new LlmFailure('rate_limited', detail, { cause: err });
    if (status === 408 || status === 409 || status >= 500)
      return new LlmFailure('server_error', detail, { cause: err });
    return new LlmFailure('bad_request', detail, { cause: err });
  }
  return new LlmFailure('internal', err instanceof Error ? err.message : String(err), { cause: err });
}

/** Milliseconds to wait before the next attempt, or null when this failure is not retried. */
function retryDelay(err: unknown, failure: LlmFailure, attempt: number, policy: CallPolicy): number | null {
  if (!['rate_limited', 'server_error', 'connection'].includes(failure.code)) return null;
  const asked = err instanceof APIError ? retryAfterMs(err.headers as Headers | undefined) : null;
  if (asked !== null) return asked <= policy.retryAfterCapMs ? asked : null;
  return Math.min((policy.baseBackoffMs ?? 500) * 2 ** attempt, policy.retryAfterCapMs);
}

/** retry-after-ms (OpenAI's), else retry-after in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(new LlmFailure('aborted', 'the caller gave up while we waited to retry'));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
