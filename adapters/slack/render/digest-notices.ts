import type { DigestRunResult, SubscribeResult, Subscription } from '../../../src/digest/types.js';
import { DIGEST_BUSY_TEXT } from '../../../src/render/notices.js';
import { fitMrkdwn } from '../escape.js';
import { DIGEST_NOT_IN_CHANNEL_TEXT, slackNoticeText } from './notices.js';

/** Ephemeral texts of `/brief digest`. Feed titles and URLs are untrusted: all go through fitMrkdwn. */

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
export { DIGEST_BUSY_TEXT };

export { DIGEST_NOT_IN_CHANNEL_TEXT };

export function usageProblemText(problem: string | undefined): string {
  return problem ? `${fitMrkdwn(problem, 500)}\n${DIGEST_USAGE}` : DIGEST_USAGE;
}

export function subscribedText(result: SubscribeResult): string {
  return slackNoticeText({ kind: 'digest_subscribed', result })!;
}

export function listText(subscriptions: Subscription[]): string {
  return slackNoticeText({ kind: 'digest_list', subscriptions })!;
}

export function removedText(removed: Subscription | null, id: number): string {
  return slackNoticeText({ kind: 'digest_removed', removed, id })!;
}

/** What `now` says privately when it posted nothing; null when the digest in the channel says it all. */
export function nowResultText(result: DigestRunResult): string | null {
  return slackNoticeText(
    result.status === 'posted'
      ? { kind: 'digest_posted', stories: result.stories, failedFeeds: result.failedFeeds }
      : { kind: 'digest_nothing_new', failedFeeds: result.failedFeeds },
  );
}
