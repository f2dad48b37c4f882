import type { Logger } from '../../../src/logger.js';
import type { SlackClient } from '../deps.js';
import { slackErrorCode } from '../slack-errors.js';

/**
 * The Slack user's own IANA zone (users.info, scope users:read), so `/brief digest add <feed>`
 * means 09:00 where the person who typed it lives. Null when Slack does not say (an app installed
 * before users:read was added answers missing_scope): the digest service's default applies.
 */
export async function slackUserTimezone(
  client: SlackClient,
  user: string,
  logger: Logger,
): Promise<string | null> {
  try {
    const info = await client.users.info({ user });
    const tz = info.user?.tz;
    return typeof tz === 'string' && tz.length > 0 ? tz : null;
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'missing_scope')
      logger.info('users.info needs the users:read scope; using the default time zone');
    else
      logger.warn('could not look up the user’s time zone; using the default', {
        code,
        err: code ? undefined : err,
      });
    return null;
  }
}
