import { z } from 'zod';
import { normalizeTime, normalizeTimeZone } from '../digest/time.js';

// Feed subscriptions and daily digests. Defaults apply when a channel's first subscription names
// no time or zone; later subscriptions join the channel's existing schedule.

export interface DigestConfig {
  /** HH:MM, 24 h. */
  defaultTime: string;
  /** IANA zone. */
  defaultTimezone: string;
  /** Stories per digest unless a subscription says otherwise. */
  maxStories: number;
  /** Newest items read per feed; a 10,000-item feed costs no more than this. */
  maxItemsPerFeed: number;
  /** Feed and article fetches in flight at once, overall and per host (politeness). */
  fetchConcurrency: number;
  hostConcurrency: number;
}

export const digestEnv = z.object({
  BRIEF_DIGEST_DEFAULT_TIME: z
    .string()
    .default('09:00')
    .transform((v, ctx) => {
      const t = normalizeTime(v);
      if (t === null) ctx.addIssue({ code: 'custom', message: 'must be a 24-hour time HH:MM such as 09:00' });
      return t ?? '09:00';
    }),
  BRIEF_DIGEST_DEFAULT_TIMEZONE: z
    .string()
    .default('UTC')
    .transform((v, ctx) => {
      const zone = normalizeTimeZone(v);
      if (zone === null)
        ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Berlin or UTC' });
      return zone ?? 'UTC';
    }),
  BRIEF_DIGEST_MAX_STORIES: z.coerce.number().int().min(1).max(25).default(10),
  BRIEF_DIGEST_MAX_ITEMS: z.coerce.number().int().min(10).max(1000).default(200),
  BRIEF_DIGEST_FETCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  BRIEF_DIGEST_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
});
export type DigestEnv = z.infer<typeof digestEnv>;

export function digestConfigOf(e: DigestEnv): DigestConfig {
  return {
    defaultTime: e.BRIEF_DIGEST_DEFAULT_TIME,
    defaultTimezone: e.BRIEF_DIGEST_DEFAULT_TIMEZONE,
    maxStories: e.BRIEF_DIGEST_MAX_STORIES,
    maxItemsPerFeed: e.BRIEF_DIGEST_MAX_ITEMS,
    fetchConcurrency: e.BRIEF_DIGEST_FETCH_CONCURRENCY,
    hostConcurrency: e.BRIEF_DIGEST_HOST_CONCURRENCY,
  };
}
