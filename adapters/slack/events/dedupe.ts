import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import { createSeenIds } from '../../../src/jobs/seen-ids.js';
import { EVENT_DEDUPE_TTL_MS } from '../limits.js';

/**
 * Slack redelivers an event it thinks we missed (X-Slack-Retry-Num, same event_id), e.g. when an
 * ack was slow. Bolt has already acked it; here the listeners run once per event_id.
 */
export function dedupeEvents(now: () => number, logger: Logger): Middleware<AnyMiddlewareArgs> {
  const seen = createSeenIds(now, EVENT_DEDUPE_TTL_MS);
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.firstTime(eventId)) {
      logger.info('slack event retry skipped', {
        eventId,
        retryNum: context.retryNum,
        reason: context.retryReason,
      });
      return;
    }
    await next();
  };
}
