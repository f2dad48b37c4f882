import type { Logger } from '../../src/logger.js';
import type { SlackClient } from './deps.js';
import type { ResponseUrl } from './response-url.js';

export interface NotifyTarget {
  channel: string;
  user: string;
  threadTs?: string;
  responseUrl: ResponseUrl | null;
}

/**
 * Tells one user something only they see (errors, usage, "busy"). The response_url works even when
 * the bot is not in the conversation, so it goes first; chat.postEphemeral is the fallback. Never
 * throws: a failed notice is logged, it must not turn into an unhandled rejection.
 */
export async function notifyUser(
  client: SlackClient,
  target: NotifyTarget,
  text: string,
  logger: Logger,
): Promise<void> {
  try {
    if (target.responseUrl && (await target.responseUrl.send({ response_type: 'ephemeral', text }))) return;
  } catch (err) {
    logger.warn('response_url notice failed; trying chat.postEphemeral', { err });
  }
  try {
    await client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    });
  } catch (err) {
    logger.error('could not tell the user', { err, channel: target.channel });
  }
}
