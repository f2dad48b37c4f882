import type { DigestRunResult, SubscribeResult, Subscription } from '../../src/digest/types.js';
import { failedFeedName } from '../../src/render/digest-labels.js';
import { escapeFit, neutralizeMentions, truncate } from './escape.js';
import { MESSAGE_CONTENT_MAX } from './limits.js';

/** The ephemeral answers of `/digest`. Feed titles, URLs and zones are untrusted: all escaped. */

const TITLE_MAX = 120;
const URL_MAX = 300;
const FAILED_SHOWN = 5;

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

export function subscribedContent(result: SubscribeResult): string {
  const { subscription: s, itemCount, waiting } = result;
  const title = feedLabel(result.feedTitle ?? s.feedTitle, s.feedUrl);
  const items = itemCount === 1 ? '1 item' : `${itemCount.toLocaleString('en-US')} items`;
  const next =
    waiting === 0
      ? 'Older items are skipped; new ones will come in the next digest.'
      : `${waiting === 1 ? '1 recent item waits' : `${waiting} recent items wait`} for the first digest.`;
  const when = `${escapeFit(s.time, 10)} (${escapeFit(s.timezone, 64)})`;
  return `✅ This channel now gets **${title}** (${items}) every day at ${when}, subscription #${s.id}. ${next}${limitText(result)}${movedText(result)}`;
}

export function listContent(subscriptions: Subscription[]): string {
  if (subscriptions.length === 0)
    return 'This channel follows no feeds yet. Add one with `/digest add feed:<url>`.';
  const lines = subscriptions.map(
    (s) =>
      `- **#${s.id}** ${feedLabel(s.feedTitle, s.feedUrl)} · ${escapeFit(s.time, 10)} ${escapeFit(s.timezone, 64)} · ${codeUrl(s.feedUrl)}`,
  );
  return fitLines(['This channel’s daily digest follows:', ...lines]);
}

export function removedContent(removed: Subscription | null, id: number): string {
  if (!removed) return `This channel has no subscription #${id}. See \`/digest list\`.`;
  return `Removed #${removed.id}: ${feedLabel(removed.feedTitle, removed.feedUrl)} no longer comes to this channel.`;
}

export function nowContent(result: DigestRunResult): string {
  const failed = failedText(result);
  if (result.status === 'nothing_new')
    return truncate(`Nothing new since the last digest, so I posted nothing.${failed}`, MESSAGE_CONTENT_MAX);
  const stories = result.stories === 1 ? '1 story' : `${result.stories} stories`;
  return truncate(`Posted the digest in this channel: ${stories}.${failed}`, MESSAGE_CONTENT_MAX);
}

function failedText(result: DigestRunResult): string {
  const failed = result.failedFeeds;
  if (failed.length === 0) return '';
  const names = failed
    .slice(0, FAILED_SHOWN)
    .map((f) => `${escapeFit(failedFeedName(f), TITLE_MAX)} (${escapeFit(f.reason, 200)})`);
  const more = failed.length > FAILED_SHOWN ? ` and ${failed.length - FAILED_SHOWN} more` : '';
  return ` ⚠️ Could not read: ${names.join('; ')}${more}`;
}

/** A user-caused failure (a BriefError message can quote the URL they typed). */
export function problemContent(text: string): string {
  return truncate(`⚠️ ${neutralizeMentions(text)}`, MESSAGE_CONTENT_MAX);
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
  return ` The channel’s digest moved from ${escapeFit(before.time, 10)} (${escapeFit(before.timezone, 64)}) to this time, for all its feeds.`;
}

/**
 * The feed's address in a code span: copyable as is (escaping would put invisible characters in
 * it), never a link or a ping. A backtick would end the span; WHATWG leaves it unencoded in queries.
 */
function codeUrl(url: string): string {
  return `\`${truncate(url.replace(/`/g, '%60').replace(/\s/g, '%20'), URL_MAX)}\``;
}

function feedLabel(title: string | null, url: string): string {
  return escapeFit((title?.trim() || url).replace(/\s+/g, ' '), TITLE_MAX);
}

/** Whole lines while they fit in one message, then how many were left out. */
function fitLines(lines: string[]): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const tail = `\n…and ${lines.length - i} more`;
    if (length + line.length + 1 + tail.length > MESSAGE_CONTENT_MAX) return out.join('\n') + tail;
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n');
}
