import type { DigestRunResult, SubscribeResult, Subscription } from '../../src/digest/types.js';
import {
  failedFeedsNotice,
  feedLabel,
  fitLines,
  nothingNewNotice,
  removedNotice,
  subscribedNotice,
  type NoticeStyle,
} from '../../src/render/digest-notices.js';
import { escapeFit, neutralizeMentions, truncate } from './escape.js';
import { MESSAGE_CONTENT_MAX } from './limits.js';

/** The ephemeral answers of `/digest`. Feed titles, URLs and zones are untrusted: all escaped. */

const URL_MAX = 300;

export const DIGEST_DISABLED =
  'Digests are not enabled on this Brief server. Ask whoever runs it to turn them on (see docs/discord.md).';
export const DIGEST_GUILD_ONLY = 'Digests are for server channels: use `/digest` in a channel of a server.';
export const DIGEST_NEEDS_MANAGE_CHANNELS =
  'Adding and removing feeds needs the **Manage Channels** permission in this channel. Ask a moderator.';
export const DIGEST_BUSY = 'Brief is busy with other digests right now. Please try again in a minute.';
export const DIGEST_CANNOT_POST =
  'I cannot post in this channel. Give Brief **View Channel**, **Send Messages** and **Embed Links** here ' +
  '(and **Create Public Threads** and **Send Messages in Threads** for the story threads), then try again. ' +
  'Scheduled digests need these too.';
export const DIGEST_CANNOT_POST_YET =
  '⚠️ I cannot post in this channel yet, so its digest would not arrive: give Brief **View Channel**, ' +
  '**Send Messages** and **Embed Links** here.';
export const DIGEST_NO_FEEDS =
  'This channel follows no feeds yet, so there is nothing to post. Add one with `/digest add feed:<url>`.';

/** Discord markdown: bold is **…**; every untrusted part is escaped and cut on its own. */
const STYLE: NoticeStyle = {
  fit: (text, max) => escapeFit(text, max),
  bold: (text) => `**${text}**`,
  listCommand: '/digest list',
};

export function subscribedContent(result: SubscribeResult): string {
  return truncate(subscribedNotice(result, STYLE), MESSAGE_CONTENT_MAX);
}

export function listContent(subscriptions: Subscription[]): string {
  if (subscriptions.length === 0)
    return 'This channel follows no feeds yet. Add one with `/digest add feed:<url>`.';
  const lines = subscriptions.map(
    (s) =>
      `- **#${s.id}** ${feedLabel(s.feedTitle, s.feedUrl, STYLE)} · ${escapeFit(s.time, 10)} ${escapeFit(s.timezone, 64)} · ${codeUrl(s.feedUrl)}`,
  );
  return fitLines(['This channel’s daily digest follows:', ...lines], MESSAGE_CONTENT_MAX);
}

export function removedContent(removed: Subscription | null, id: number): string {
  return removedNotice(removed, id, STYLE);
}

export function nowContent(result: DigestRunResult): string {
  if (result.status === 'nothing_new') {
    return truncate(nothingNewNotice(result.failedFeeds, STYLE), MESSAGE_CONTENT_MAX);
  }
  const stories = result.stories === 1 ? '1 story' : `${result.stories} stories`;
  return truncate(
    `Posted the digest in this channel: ${stories}.${failedFeedsNotice(result.failedFeeds, STYLE)}`,
    MESSAGE_CONTENT_MAX,
  );
}

/** A user-caused failure (a BriefError message can quote the URL they typed). */
export function problemContent(text: string): string {
  return truncate(`⚠️ ${neutralizeMentions(text)}`, MESSAGE_CONTENT_MAX);
}

/**
 * The feed's address in a code span: copyable as is (escaping would put invisible characters in
 * it), never a link or a ping. A backtick would end the span; WHATWG leaves it unencoded in queries.
 */
function codeUrl(url: string): string {
  return `\`${truncate(url.replace(/`/g, '%60').replace(/\s/g, '%20'), URL_MAX)}\``;
}
