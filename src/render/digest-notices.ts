import type { FailedFeed, SubscribeResult, Subscription } from '../digest/types.js';
import { failedFeedName } from './digest-labels.js';

/**
 * The wording of the digest commands' answers, shared by Slack and Discord. Each platform passes
 * its own escaping (feed titles, URLs and zones are untrusted) and its bold markup; what is said
 * stays the same everywhere.
 */
export interface NoticeStyle {
  /** Escapes untrusted text for the platform and cuts it to `max` characters. */
  fit(text: string, max: number): string;
  bold(text: string): string;
  /** How users call the list command here, e.g. "/brief digest list". */
  listCommand: string;
}

const TITLE_MAX = 120;
const FAILED_SHOWN = 5;

export function feedLabel(title: string | null, url: string, style: NoticeStyle): string {
  return style.fit((title?.trim() || url).replace(/\s+/g, ' '), TITLE_MAX);
}

export function scheduleText(s: Pick<Subscription, 'time' | 'timezone'>, style: NoticeStyle): string {
  return `${style.fit(s.time, 10)} (${style.fit(s.timezone, 64)})`;
}

export function subscribedNotice(result: SubscribeResult, style: NoticeStyle): string {
  const { subscription: s, itemCount, waiting } = result;
  const title = feedLabel(result.feedTitle ?? s.feedTitle, s.feedUrl, style);
  const items = itemCount === 1 ? '1 item' : `${itemCount.toLocaleString('en-US')} items`;
  const next =
    waiting === 0
      ? 'Older items are skipped; new ones will come in the next digest.'
      : `${waiting === 1 ? '1 recent item waits' : `${waiting} recent items wait`} for the first digest.`;
  return (
    `✅ This channel now gets ${style.bold(title)} (${items}) every day at ${scheduleText(s, style)}, ` +
    `subscription #${s.id}. ${next}${limitText(result)}${movedText(result, style)}`
  );
}

export function removedNotice(removed: Subscription | null, id: number, style: NoticeStyle): string {
  if (!removed) return `This channel has no subscription #${id}. See \`${style.listCommand}\`.`;
  return `Removed #${removed.id}: ${feedLabel(removed.feedTitle, removed.feedUrl, style)} no longer comes to this channel.`;
}

/** What `now` says when there was nothing to post (naming any feed that failed). */
export function nothingNewNotice(failed: FailedFeed[], style: NoticeStyle): string {
  return `Nothing new since the last digest, so I posted nothing.${failedFeedsNotice(failed, style)}`;
}

export function failedFeedsNotice(failed: FailedFeed[], style: NoticeStyle): string {
  if (failed.length === 0) return '';
  const names = failed
    .slice(0, FAILED_SHOWN)
    .map((f) => `${style.fit(failedFeedName(f), TITLE_MAX)} (${style.fit(f.reason, 200)})`);
  const more = failed.length > FAILED_SHOWN ? ` and ${failed.length - FAILED_SHOWN} more` : '';
  return ` ⚠️ Could not read: ${names.join('; ')}${more}`;
}

/** A long feed is read up to its newest items: say so, or "10,000 items" would promise too much. */
function limitText(result: SubscribeResult): string {
  return result.itemLimit === undefined
    ? ''
    : ` Only its newest ${result.itemLimit.toLocaleString('en-US')} items are read each time.`;
}

/** All of a channel's feeds share one digest, so a new time or zone moves the whole channel. */
function movedText(result: SubscribeResult, style: NoticeStyle): string {
  const before = result.previousSchedule;
  if (!before) return '';
  return ` The channel’s digest moved from ${style.fit(before.time, 10)} (${style.fit(before.timezone, 64)}) to this time, for all its feeds.`;
}

/** Keeps whole lines while they fit in `max` characters, then says how many were left out. */
export function fitLines(lines: string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const tail = `\n…and ${lines.length - i} more`;
    if (length + line.length + 1 + tail.length > max) return out.join('\n') + tail;
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n');
}
