import type { FallbackCode } from '../../brief.js';

/**
 * Why the LLM engine could not produce a brief. The service turns it into the extractive brief
 * with `engine.fallbackReason` (the note below) and `engine.fallbackCode`.
 */
export class LlmFailure extends Error {
  override readonly name = 'LlmFailure';
  constructor(
    readonly code: FallbackCode,
    /** For logs: never shown to users, never contains the API key. */
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

/** Short notes users see in the footer ("fallback: ..."): what happened, no internals. */
const NOTES: Record<FallbackCode, string> = {
  timeout: 'the AI model took too long',
  auth: 'the AI model refused our credentials',
  rate_limited: 'the AI model is rate-limiting us',
  server_error: 'the AI model had a server error',
  connection: 'the AI model could not be reached',
  bad_request: 'the AI model rejected the request',
  invalid_output: 'the AI model returned an unusable answer',
  refused: 'the AI model declined this article',
  grounding: "the AI brief did not match the article's text",
  aborted: 'there was no time left for the AI model',
  internal: 'the AI brief failed',
};

export function fallbackNote(code: FallbackCode): string {
  return `${NOTES[code]}; showing the extractive brief`;
}

export function isLlmFailure(err: unknown): err is LlmFailure {
  return err instanceof LlmFailure;
}
