import type { Subscription } from '../digest/types.js';
import type { Notice } from '../jobs/deliverer.js';
import {
  failedFeedsNotice,
  fitLines,
  nothingNewNotice,
  removedNotice,
  subscribedNotice,
  type NoticeStyle,
} from './digest-notices.js';
import { storyCount } from './digest-layout.js';

/**
 * The wording of every private answer the core gives (src/jobs/deliverer.ts, Notice), for every
 * chat platform. A platform passes its markup and escaping; what is said is the same everywhere.
 */

export const BUSY_TEXT = 'I am working on a lot of briefs right now. Please try again in a minute.';
export const DIGEST_BUSY_TEXT = 'I am busy with other digests right now. Please try again in a minute.';
export const RESTARTING_TEXT = 'Brief is restarting. Please try again in a minute.';
/**
 * What every surface says instead of briefing a page that is not one article (ingest's verdict
 * `unsupported`): a brief of a section front or a list of links would be junk.
 */
export const NOT_AN_ARTICLE_TEXT =
  'This page does not look like an article: it seems to be an index, a section front or mostly links. ' +
  'Send a link to a single story, or paste its text.';
/** Instead of briefing a bot check or an "access denied" page (ingest's verdict `blocked`). */
export const BLOCKED_PAGE_TEXT =
  'The site showed a bot check or an “access denied” page instead of the article. Paste the article text instead.';

export interface ChatNoticeStyle extends NoticeStyle {
  /**
   * Fits a message of ours that may quote user input (an error naming the URL they typed): pings
   * and links are broken, our own markup is kept.
   */
  fitMessage(text: string, max: number): string;
  /** How users subscribe here, e.g. "/brief digest add <feed-url>". */
  addCommand: string;
  /** One subscription as a line of `list`, in the platform's list markup. */
  listItem(subscription: Subscription): string;
  /** What the platform says when the bot may not post a digest in the channel. */
  cannotPostText: string;
  /** The most a notice may hold (a Slack section, a Discord message). */
  maxLength: number;
}

export function noticeText(notice: Notice, style: ChatNoticeStyle): string {
  const cut = (text: string) => style.fitMessage(text, style.maxLength);
  switch (notice.kind) {
    case 'error':
      return cut(`⚠️ ${notice.message}`);
    case 'busy':
      return BUSY_TEXT;
    case 'digest_busy':
      return DIGEST_BUSY_TEXT;
    case 'restarting':
      return RESTARTING_TEXT;
    case 'digest_subscribed':
      return subscribedNotice(notice.result, style);
    case 'digest_list':
      return listNotice(notice.subscriptions, style);
    case 'digest_removed':
      return removedNotice(notice.removed, notice.id, style);
    case 'digest_no_feeds':
      return `This channel follows no feeds yet, so there is nothing to post. Add one with \`${style.addCommand}\`.`;
    case 'digest_posted':
      return `Posted the digest in this channel: ${storyCount(notice.stories)}.${failedFeedsNotice(notice.failedFeeds, style)}`;
    case 'digest_nothing_new':
      return nothingNewNotice(notice.failedFeeds, style);
    case 'digest_cannot_post':
      return style.cannotPostText;
  }
}

function listNotice(subscriptions: Subscription[], style: ChatNoticeStyle): string {
  if (subscriptions.length === 0)
    return `This channel follows no feeds yet. Add one with \`${style.addCommand}\`.`;
  return fitLines(
    ['This channel’s daily digest follows:', ...subscriptions.map((s) => style.listItem(s))],
    style.maxLength,
  );
}
