import { userMessageOf } from '../../../src/errors.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_SECTION_TEXT } from '../limits.js';

/** Short ephemeral texts. Each goes through fitMrkdwn: error messages can quote user input. */

export const BUSY_TEXT = 'I am working on a lot of briefs right now. Please try again in a minute.';

/** New requests while the process drains on SIGTERM: another one (or this one, restarted) takes over. */
export const RESTARTING_TEXT = 'Brief is restarting. Please try again in a minute.';

export const WORKING_TEXT = 'Reading the article… the brief will appear here in a few seconds.';

export const MENTION_HINT_TEXT =
  'Mention me in a message with a link and I will brief it in the thread, or use `/brief <url>`.';

export const INVITE_HINT_TEXT =
  'I am not a member of this conversation, so I answered through the command instead. ' +
  'Invite me with `/invite @Brief` to get briefs as channel posts with the key facts in a thread.';

export function errorText(err: unknown): string {
  return fitMrkdwn(`⚠️ ${userMessageOf(err)}`, MAX_SECTION_TEXT);
}

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
