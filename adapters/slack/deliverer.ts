import type { Deliverer } from '../../src/jobs/deliverer.js';
import type { SlackTarget } from '../../src/jobs/types.js';
import type { Logger } from '../../src/logger.js';
import type { SlackClient, SlackClientFor } from './deps.js';
import { deliverBrief } from './deliver.js';
import { createSlackDigestPublisher } from './digest/publisher.js';
import { slackUserTimezone } from './digest/user-timezone.js';
import { notifyUser } from './notify.js';
import { slackNoticeText } from './render/notices.js';
import { createResponseUrl } from './response-url.js';
import { cannotPostHere, slackErrorCode, slackTransient, workspaceGone } from './slack-errors.js';

export interface SlackDelivererOptions {
  logger: Logger;
  now: () => number;
  /** For response_url posts (the Web API client has its own). */
  fetch: typeof fetch;
  /** Per response_url request. */
  httpTimeoutMs: number;
  /** Epoch ms until which a team's calls wait out a 429 (clients.ts); unset: never deferred. */
  limitedUntil?: (teamId: string) => number;
}

export interface SlackDeliverer extends Deliverer<SlackTarget> {
  /** Tells the requester a text of the Slack surface (a usage hint) privately; never throws. */
  tell(target: SlackTarget, text: string): Promise<void>;
}

/**
 * Delivers jobs to Slack with the bot's Web API client for the target's workspace and the
 * request's response_url: a process needs the installations (or the one bot token), not the
 * request (src/jobs/deliverer.ts). Briefs are channel posts with the key facts in their thread
 * (deliver.ts); private answers are ephemeral. A workspace that uninstalled gets nothing: the job
 * ends quietly with an info line.
 */
export function createSlackDeliverer(
  client: SlackClient | SlackClientFor,
  options: SlackDelivererOptions,
): SlackDeliverer {
  const { logger, now } = options;
  // One client (one installation), or the installation's client for the target's team.
  const clientFor: SlackClientFor = typeof client === 'function' ? client : () => client;
  const responseUrlOf = (target: SlackTarget) =>
    target.responseUrl
      ? createResponseUrl(target.responseUrl, {
          receivedAt: target.receivedAt,
          now,
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
  const gone = (target: SlackTarget, err: unknown, what: string) => {
    logger.info(`${what}: the workspace has no installation any more`, {
      team: target.teamId,
      code: slackErrorCode(err),
    });
  };

  return {
    publisher: createSlackDigestPublisher(clientFor),
    cannotPost: cannotPostHere,
    transient: slackTransient,
    async reachable(target) {
      try {
        await clientFor(target.teamId);
        return true;
      } catch (err) {
        // Anything else (the database is down) is for the job itself to run into and report.
        return !workspaceGone(err);
      }
    },
    deferMs: (target) => Math.max(0, (options.limitedUntil?.(target.teamId) ?? 0) - now()),
    async userTimezone(target) {
      try {
        return await slackUserTimezone(await clientFor(target.teamId), target.user, logger);
      } catch (err) {
        if (workspaceGone(err)) return null;
        throw err;
      }
    },
    async tell(target, text) {
      try {
        await notifyUser(await clientFor(target.teamId), notifyTargetOf(target), text, logger);
      } catch (err) {
        if (workspaceGone(err)) gone(target, err, 'notice dropped');
        else logger.error('could not tell the user', { err, channel: target.channel });
      }
    },
    open(target) {
      // One response_url for the whole job: it counts its own uses (Slack allows 5).
      const responseUrl = responseUrlOf(target);
      const notifyTarget = notifyTargetOf(target, responseUrl);
      return {
        async brief(brief, { requestedUrl }) {
          const where = { channel: target.channel, threadTs: target.threadTs, responseUrl };
          try {
            const via = await deliverBrief(
              await clientFor(target.teamId),
              where,
              brief,
              requestedUrl,
              logger,
            );
            return { status: 'delivered', via };
          } catch (err) {
            if (!workspaceGone(err)) throw err;
            gone(target, err, 'brief dropped');
            return { status: 'unreachable' };
          }
        },
        async notice(notice) {
          const text = slackNoticeText(notice);
          if (text === null) return true;
          let c: SlackClient;
          try {
            c = await clientFor(target.teamId);
          } catch (err) {
            if (workspaceGone(err)) gone(target, err, 'notice dropped');
            else logger.error('could not tell the user', { err, channel: target.channel });
            return !workspaceGone(err);
          }
          await notifyUser(c, notifyTarget, text, logger);
          // Channel posts and ephemerals do not expire: a Slack requester stays reachable.
          return true;
        },
      };
    },
  };
}
