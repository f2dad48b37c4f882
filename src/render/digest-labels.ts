import type { DigestSource, FailedFeed } from '../digest/types.js';
import { hostOf } from './footer.js';

/**
 * Platform-neutral pieces of a digest that every renderer shows the same way. Escaping and sizing
 * stay with each platform's renderer.
 */

/** "Monday, March 3, 2025" for the digest's local date (YYYY-MM-DD); the date itself if malformed. */
export function digestDateLabel(localDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) return localDate;
  // The date is already the channel's local date: format it as a calendar day, in UTC, so the
  // server's own zone cannot shift it by one.
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(day.getTime())) return localDate;
  return day.toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

/** What a source is called: its feed's title, else its site. */
export function sourceName(source: DigestSource): string {
  return source.feedTitle?.trim() || hostOf(source.url) || 'link';
}

/** What a failed feed is called in the footer: its title when known, else its address's host. */
export function failedFeedName(feed: FailedFeed): string {
  return feed.title?.trim() || hostOf(feed.feedUrl) || feed.feedUrl;
}

/**
 * An http(s) URL fit to be a link target, or null. Feed items are untrusted: anything else
 * (javascript:, data:, credentials in the URL) is shown as text, not linked.
 */
export function linkTarget(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}
