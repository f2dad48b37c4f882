import type {
  DigestRunResult,
  FailedFeed,
  SubscribeResult,
  Subscription,
} from '../../../src/digest/types.js';
import { failedFeedName } from '../../../src/render/digest-labels.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_SECTION_TEXT } from '../limits.js';

/** Ephemeral texts of `/brief digest`. Feed titles and URLs are untrusted: all go through fitMrkdwn. */

const TITLE_MAX = 120;
const URL_MAX = 300;

export const DIGEST_USAGE = [
  '*Daily digests* of news feeds in this channel:',
  '• `/brief digest add <feed-url> [HH:MM] [time zone]` subscribe this channel, e.g. `/brief digest add https://example.com/feed.xml 08:30 Europe/Berlin`',
  '• `/brief digest list` the feeds this channel follows',
  '• `/brief digest remove <number>` stop one (the number from `list`)',
  '• `/brief digest now` post what is new right now',
].join('\n');

export const DIGEST_DISABLED_TEXT =
  'Digests are not enabled on this Brief server. Ask whoever runs it to turn them on (see docs/slack.md).';

export const DIGEST_ADD_WORKING_TEXT = 'Checking the feed…';
export const DIGEST_NOW_WORKING_TEXT =
  'Gathering what is new in this channel’s feeds… the digest will appear here.';
export const DIGEST_BUSY_TEXT = 'I am busy with other digests right now. Please try again in a minute.';

export const DIGEST_NOT_IN_CHANNEL_TEXT =
  'I am not a member of this channel, so I cannot post its digest. Invite me with `/invite @Brief`, then try again. ' +
  'Scheduled digests need the invitation too.';

export function usageProblemText(problem: string | undefined): string {
  return problem ? `${fitMrkdwn(problem, 500)}\n${DIGEST_USAGE}` : DIGEST_USAGE;
}

export function subscribedText(result: SubscribeResult): string {
  const { subscription: s, itemCount, waiting } = result;
  const title = feedLabel(result.feedTitle ?? s.feedTitle, s.feedUrl);
  const items = itemCount === 1 ? '1 item' : `${itemCount.toLocaleString('en-US')} items`;
  const next =
    waiting === 0
      ? 'Older items are skipped; new ones will come in the next digest.'
      : `${waiting === 1 ? '1 recent item waits' : `${waiting} recent items wait`} for the first digest.`;
  // Each untrusted part is escaped and sized on its own, so the whole stays far under a section.
  const when = `${fitMrkdwn(s.time, 10)} (${fitMrkdwn(s.timezone, 64)})`;
  return `✅ This channel now gets *${title}* (${items}) every day at ${when}, subscription #${s.id}. ${next}${limitText(result)}${movedText(result)}`;
}

export function listText(subscriptions: Subscription[]): string {
  if (subscriptions.length === 0)
    return 'This channel follows no feeds yet. Add one with `/brief digest add <feed-url>`.';
  const lines = subscriptions.map(
    (s) =>
      `• *#${s.id}* ${feedLabel(s.feedTitle, s.feedUrl)} — ${fitMrkdwn(s.time, 10)} ${fitMrkdwn(s.timezone, 64)} — ${fitMrkdwn(s.feedUrl, URL_MAX)}`,
  );
  return truncateLines(['This channel’s daily digest follows:', ...lines], MAX_SECTION_TEXT);
}

export function removedText(removed: Subscription | null, id: number): string {
  if (!removed) return `This channel has no subscription #${id}. See \`/brief digest list\`.`;
  return `Removed #${removed.id}: ${feedLabel(removed.feedTitle, removed.feedUrl)} no longer comes to this channel.`;
}

export function noFeedsText(): string {
  return 'This channel follows no feeds yet, so there is nothing to post. Add one with `/brief digest add <feed-url>`.';
}

/** What `now` says privately when it posted nothing, or when some feeds failed. */
export function nowResultText(result: DigestRunResult): string | null {
  const failed = failedText(result.failedFeeds);
  if (result.status === 'nothing_new')
    return `Nothing new since the last digest, so I posted nothing.${failed}`;
  return null;
}

const FAILED_SHOWN = 5;

function failedText(failed: FailedFeed[]): string {
  if (failed.length === 0) return '';
  const names = failed
    .slice(0, FAILED_SHOWN)
    .map((f) => `${fitMrkdwn(failedFeedName(f), TITLE_MAX)} (${fitMrkdwn(f.reason, 300)})`);
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
function movedText(result: SubscribeResult): string {
  const before = result.previousSchedule;
  if (!before) return '';
  return ` The channel’s digest moved from ${fitMrkdwn(before.time, 10)} (${fitMrkdwn(before.timezone, 64)}) to this time, for all its feeds.`;
}

function feedLabel(title: string | null, url: string): string {
  return fitMrkdwn((title?.trim() || url).replace(/\s+/g, ' '), TITLE_MAX);
}

/** Keeps whole lines while they fit, then says how many were left out. */
function truncateLines(lines: string[], max: number): string {
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
