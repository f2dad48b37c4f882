import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import { EVENT_DEDUPE_TTL_MS } from '../limits.js';

/** Bounds memory when Slack (or someone replaying requests) sends many distinct ids quickly. */
const MAX_REMEMBERED = 10_000;

/** Remembers ids for a while; `firstTime(id)` is true once per id within the TTL. */
export function createSeenIds(now: () => number, ttlMs = EVENT_DEDUPE_TTL_MS) {
  const expiries = new Map<string, number>();
  const prune = (t: number) => {
    // Map iterates in insertion order, and every entry has the same TTL: expired ones come first.
    for (const [id, expiry] of expiries) {
      if (expiry > t && expiries.size <= MAX_REMEMBERED) break;
      expiries.delete(id);
    }
  };
  return {
    firstTime(id: string): boolean {
      const t = now();
      prune(t);
      if (expiries.has(id)) return false;
      expiries.set(id, t + ttlMs);
      return true;
    },
    get size() {
      return expiries.size;
    },
  };
}

/**
 * Slack redelivers an event it thinks we missed (X-Slack-Retry-Num, same event_id), e.g. when an
 * ack was slow. Bolt has already acked it; here the listeners run once per event_id.
 */
export function dedupeEvents(now: () => number, logger: Logger): Middleware<AnyMiddlewareArgs> {
  const seen = createSeenIds(now);
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
