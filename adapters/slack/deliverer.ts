import type { Deliverer } from '../../src/jobs/deliverer.js';
import type { SlackTarget } from '../../src/jobs/types.js';
import type { Logger } from '../../src/logger.js';
import type { SlackClient } from './deps.js';
import { deliverBrief } from './deliver.js';
import { createSlackDigestPublisher } from './digest/publisher.js';
import { slackUserTimezone } from './digest/user-timezone.js';
import { notifyUser } from './notify.js';
import { slackNoticeText } from './render/notices.js';
import { createResponseUrl } from './response-url.js';
import { cannotPostHere, slackTransient } from './slack-errors.js';

export interface SlackDelivererOptions {
  logger: Logger;
  now: () => number;
  /** For response_url posts (the Web API client has its own). */
  fetch: typeof fetch;
  /** Per response_url request. */
  httpTimeoutMs: number;
}

export interface SlackDeliverer extends Deliverer<SlackTarget> {
  /** Tells the requester a text of the Slack surface (a usage hint) privately; never throws. */
  tell(target: SlackTarget, text: string): Promise<void>;
}

/**
 * Delivers jobs to Slack with the bot's Web API client and the request's response_url: all a
 * process needs is the bot token, not the request (src/jobs/deliverer.ts). Briefs are channel
 * posts with the key facts in their thread (deliver.ts); private answers are ephemeral.
 */
export function createSlackDeliverer(client: SlackClient, options: SlackDelivererOptions): SlackDeliverer {
  const { logger } = options;
  const responseUrlOf = (target: SlackTarget) =>
    target.responseUrl
      ? createResponseUrl(target.responseUrl, {
          receivedAt: target.receivedAt,
          now: options.now,
          fetch: options.fetch,
          timeoutMs: options.httpTimeoutMs,
          logger,
        })
      : null;
  const notifyTargetOf = (target: SlackTarget, responseUrl = responseUrlOf(target)) => ({
    channel: target.channel,
    user: target.user,
    ...(target.threadTs ? { threadTs: target.threadTs } : {}),
    responseUrl,
  });

  return {
    publisher: createSlackDigestPublisher(client),
    cannotPost: cannotPostHere,
    transient: slackTransient,
    userTimezone: (target) => slackUserTimezone(client, target.user, logger),
    tell: (target, text) => notifyUser(client, notifyTargetOf(target), text, logger),
    open(target) {
      // One response_url for the whole job: it counts its own uses (Slack allows 5).
      const responseUrl = responseUrlOf(target);
      const notifyTarget = notifyTargetOf(target, responseUrl);
      return {
        async brief(brief, { requestedUrl }) {
          const where = { channel: target.channel, threadTs: target.threadTs, responseUrl };
          const via = await deliverBrief(client, where, brief, requestedUrl, logger);
          return { status: 'delivered', via };
        },
        async notice(notice) {
          const text = slackNoticeText(notice);
          if (text !== null) await notifyUser(client, notifyTarget, text, logger);
          // Channel posts and ephemerals do not expire: a Slack requester stays reachable.
          return true;
        },
      };
    },
  };
}
