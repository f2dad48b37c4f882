import type { Logger } from '../../src/logger.js';
import type { Block } from './render/blocks.js';
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES } from './limits.js';

export interface ResponseUrlMessage {
  text: string;
  blocks?: Block[];
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

/** A response_url that refuses to be used past Slack's limits (5 uses, 30 minutes). */
export interface ResponseUrl {
  /** false when the URL is used up or expired (nothing was sent); throws when Slack refuses. */
  send(message: ResponseUrlMessage): Promise<boolean>;
  readonly remainingUses: number;
}

export interface ResponseUrlOptions {
  /** When Slack sent the request carrying this URL (its lifetime starts then). */
  receivedAt: number;
  now: () => number;
  fetch: typeof fetch;
  timeoutMs: number;
  logger: Logger;
}

export function createResponseUrl(url: string, options: ResponseUrlOptions): ResponseUrl {
  let uses = 0;
  return {
    get remainingUses() {
      return RESPONSE_URL_MAX_USES - uses;
    },
    async send(message) {
      if (uses >= RESPONSE_URL_MAX_USES) {
        options.logger.warn('response_url used up; message dropped', { uses });
        return false;
      }
      if (options.now() - options.receivedAt >= RESPONSE_URL_LIFETIME_MS) {
        options.logger.warn('response_url expired; message dropped');
        return false;
      }
      uses++;
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unfurl_links: false, unfurl_media: false, ...message }),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
      // Drain the body so the connection can be reused; Slack answers "ok" or an error word.
      const body = await response.text();
      if (!response.ok)
        throw new Error(`response_url refused the message: ${response.status} ${body.slice(0, 100)}`);
      return true;
    },
  };
}
