import type { Notice } from '../../../src/jobs/deliverer.js';
import { feedLabel } from '../../../src/render/digest-notices.js';
import { BUSY_TEXT, noticeText, type ChatNoticeStyle } from '../../../src/render/notices.js';
import { truncate } from '../../../src/text/truncate.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_SECTION_TEXT } from '../limits.js';

/** Short ephemeral texts of the Slack surface. Each goes through fitMrkdwn: errors can quote user input. */

export { BUSY_TEXT };

export const WORKING_TEXT = 'Reading the article… the brief will appear here in a few seconds.';

export const MENTION_HINT_TEXT =
  'Mention me in a message with a link and I will brief it in the thread, or use `/brief <url>`.';

export const INVITE_HINT_TEXT =
  'I am not a member of this conversation, so I answered through the command instead. ' +
  'Invite me with `/invite @Brief` to get briefs as channel posts with the key facts in a thread.';

export interface UsageLine {
  usage: string;
  description: string;
}

export function usageText(command: string, lines: readonly UsageLine[]): string {
  return [
    '*Brief* turns a news article into a ten-second read: a headline, a summary and key facts with quotes.',
    ...lines.map((l) => `• \`${command} ${l.usage}\` ${l.description}`),
    'You can also mention me in a message with a link, or use the *Brief this message* shortcut on any message.',
  ].join('\n');
}

export const DIGEST_NOT_IN_CHANNEL_TEXT =
  'I am not a member of this channel, so I cannot post its digest. Invite me with `/invite @Brief`, then try again. ' +
  'Scheduled digests need the invitation too.';

const URL_MAX = 300;

/** Slack mrkdwn: bold is *…*; every untrusted part goes through fitMrkdwn on its own. */
const STYLE: ChatNoticeStyle = {
  fit: (text, max) => fitMrkdwn(text, max),
  fitMessage: (text, max) => fitMrkdwn(text, max),
  bold: (text) => `*${text}*`,
  listCommand: '/brief digest list',
  addCommand: '/brief digest add <feed-url>',
  listItem: (s) =>
    `• *#${s.id}* ${feedLabel(s.feedTitle, s.feedUrl, STYLE)} — ${fitMrkdwn(s.time, 10)} ${fitMrkdwn(s.timezone, 64)} — ${fitMrkdwn(s.feedUrl, URL_MAX)}`,
  cannotPostText: DIGEST_NOT_IN_CHANNEL_TEXT,
  maxLength: MAX_SECTION_TEXT,
};

/**
 * A core notice (src/jobs/deliverer.ts) as Slack mrkdwn, within a section's 3,000 characters;
 * null when Slack says nothing privately: a posted digest speaks for itself in the channel.
 */
export function slackNoticeText(notice: Notice): string | null {
  if (notice.kind === 'digest_posted') return null;
  return truncate(noticeText(notice, STYLE), MAX_SECTION_TEXT);
}
