import type { DigestRunResult, SubscribeResult, Subscription } from '../../../src/digest/types.js';
import {
  feedLabel,
  fitLines,
  nothingNewNotice,
  removedNotice,
  subscribedNotice,
  type NoticeStyle,
} from '../../../src/render/digest-notices.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_SECTION_TEXT } from '../limits.js';

/** Ephemeral texts of `/brief digest`. Feed titles and URLs are untrusted: all go through fitMrkdwn. */

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

/** Slack mrkdwn: bold is *…*; every untrusted part goes through fitMrkdwn on its own. */
const STYLE: NoticeStyle = {
  fit: (text, max) => fitMrkdwn(text, max),
  bold: (text) => `*${text}*`,
  listCommand: '/brief digest list',
};

export function subscribedText(result: SubscribeResult): string {
  return subscribedNotice(result, STYLE);
}

export function listText(subscriptions: Subscription[]): string {
  if (subscriptions.length === 0)
    return 'This channel follows no feeds yet. Add one with `/brief digest add <feed-url>`.';
  const lines = subscriptions.map(
    (s) =>
      `• *#${s.id}* ${feedLabel(s.feedTitle, s.feedUrl, STYLE)} — ${fitMrkdwn(s.time, 10)} ${fitMrkdwn(s.timezone, 64)} — ${fitMrkdwn(s.feedUrl, URL_MAX)}`,
  );
  return fitLines(['This channel’s daily digest follows:', ...lines], MAX_SECTION_TEXT);
}

export function removedText(removed: Subscription | null, id: number): string {
  return removedNotice(removed, id, STYLE);
}

export function noFeedsText(): string {
  return 'This channel follows no feeds yet, so there is nothing to post. Add one with `/brief digest add <feed-url>`.';
}

/** What `now` says privately when it posted nothing; null when the digest in the channel says it all. */
export function nowResultText(result: DigestRunResult): string | null {
  return result.status === 'nothing_new' ? nothingNewNotice(result.failedFeeds, STYLE) : null;
}
