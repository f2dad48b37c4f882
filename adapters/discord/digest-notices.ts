import type { DigestRunResult, SubscribeResult, Subscription } from '../../src/digest/types.js';
import type { Notice } from '../../src/jobs/deliverer.js';
import type { DiscordTarget } from '../../src/jobs/types.js';
import { feedLabel } from '../../src/render/digest-notices.js';
import { noticeText, type ChatNoticeStyle } from '../../src/render/notices.js';
import { escapeFit, neutralizeMentions, truncate } from './escape.js';
import { MESSAGE_CONTENT_MAX } from './limits.js';

/** The ephemeral answers of `/digest`. Feed titles, URLs and zones are untrusted: all escaped. */

const URL_MAX = 300;

export const DIGEST_DISABLED =
  'Digests are not enabled on this Brief server. Ask whoever runs it to turn them on (see docs/discord.md).';
export const DIGEST_GUILD_ONLY = 'Digests are for server channels: use `/digest` in a channel of a server.';
export const DIGEST_NEEDS_MANAGE_CHANNELS =
  'Adding and removing feeds needs the **Manage Channels** permission in this channel. Ask a moderator.';
export const DIGEST_CANNOT_POST =
  'I cannot post in this channel. Give Brief **View Channel**, **Send Messages** and **Embed Links** here ' +
  '(and **Create Public Threads** and **Send Messages in Threads** for the story threads), then try again. ' +
  'Scheduled digests need these too.';
export const DIGEST_CANNOT_POST_YET =
  '⚠️ I cannot post in this channel yet, so its digest would not arrive: give Brief **View Channel**, ' +
  '**Send Messages** and **Embed Links** here.';

/** Discord markdown: bold is **…**; every untrusted part is escaped and cut on its own. */
const STYLE: ChatNoticeStyle = {
  fit: (text, max) => escapeFit(text, max),
  // Messages of ours keep their markdown; what they quote (a URL the user typed) must not ping or link.
  fitMessage: (text, max) => truncate(neutralizeMentions(text), max),
  bold: (text) => `**${text}**`,
  listCommand: '/digest list',
  addCommand: '/digest add feed:<url>',
  listItem: (s) =>
    `- **#${s.id}** ${feedLabel(s.feedTitle, s.feedUrl, STYLE)} · ${escapeFit(s.time, 10)} ${escapeFit(s.timezone, 64)} · ${codeUrl(s.feedUrl)}`,
  cannotPostText: DIGEST_CANNOT_POST,
  maxLength: MESSAGE_CONTENT_MAX,
};

/**
 * A core notice (src/jobs/deliverer.ts) as Discord message content. A subscription where the bot
 * may not post yet says so now, rather than at 09:00 tomorrow when the digest would not arrive.
 */
export function discordNoticeText(notice: Notice, target?: Pick<DiscordTarget, 'canPost'>): string {
  const text = noticeText(notice, STYLE);
  const warning =
    notice.kind === 'digest_subscribed' && target?.canPost === false ? `\n${DIGEST_CANNOT_POST_YET}` : '';
  return truncate(text + warning, MESSAGE_CONTENT_MAX);
}

export function subscribedContent(result: SubscribeResult): string {
  return discordNoticeText({ kind: 'digest_subscribed', result });
}

export function listContent(subscriptions: Subscription[]): string {
  return discordNoticeText({ kind: 'digest_list', subscriptions });
}

export function removedContent(removed: Subscription | null, id: number): string {
  return discordNoticeText({ kind: 'digest_removed', removed, id });
}

export function nowContent(result: DigestRunResult): string {
  return discordNoticeText(
    result.status === 'posted'
      ? { kind: 'digest_posted', stories: result.stories, failedFeeds: result.failedFeeds }
      : { kind: 'digest_nothing_new', failedFeeds: result.failedFeeds },
  );
}

/** A problem found before any work (bad options): `⚠️` and the message, pings and links broken. */
export function problemContent(text: string): string {
  return discordNoticeText({ kind: 'error', message: text });
}

/**
 * The feed's address in a code span: copyable as is (escaping would put invisible characters in
 * it), never a link or a ping. A backtick would end the span; WHATWG leaves it unencoded in queries.
 */
function codeUrl(url: string): string {
  return `\`${truncate(url.replace(/`/g, '%60').replace(/\s/g, '%20'), URL_MAX)}\``;
}
