import {
  MessageFlags,
  Routes,
  ThreadAutoArchiveDuration,
  type APIChannel,
  type APIEmbed,
  type APIMessage,
  type REST,
} from 'discord.js';
import type { Brief } from '../../src/brief.js';
import type { Deliverer } from '../../src/jobs/deliverer.js';
import type { DiscordTarget } from '../../src/jobs/types.js';
import type { Logger } from '../../src/logger.js';
import type { WorkQueue } from '../../src/work-queue.js';
import { NO_MENTIONS } from './client.js';
import { createDiscordDigestPublisher } from './digest-publisher.js';
import { classifyDiscordError, discordTransient, logFailure } from './discord-errors.js';
import { discordNoticeText } from './digest-notices.js';
import { briefEmbed, detailsEmbed, threadName } from './render.js';

export interface DiscordDelivererOptions {
  logger: Logger;
  /**
   * Threads with the facts are posted from here, a few at a time: under a burst, the replies
   * (what users are waiting for) get the bot's 50 requests/s first (see bench/discord.ts). When it
   * is full, the brief's own job posts its facts.
   */
  detailsQueue: WorkQueue;
}

interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
}

/**
 * Delivers jobs to Discord over REST only: the interaction's webhook (application id and token)
 * for the reply and follow-ups, the bot token for the facts' thread. No gateway connection and no
 * Interaction object is needed, so a worker process delivers what another process deferred.
 */
export function createDiscordDeliverer(
  rest: REST,
  options: DiscordDelivererOptions,
): Deliverer<DiscordTarget> {
  const { logger, detailsQueue } = options;
  return {
    publisher: createDiscordDigestPublisher(rest, logger),
    cannotPost: (err) => classifyDiscordError(err) === 'forbidden',
    transient: discordTransient,
    open(target) {
      const log = logger.child({ interaction: target.interactionId });
      const hook = {
        original: Routes.webhookMessage(target.applicationId, target.interactionToken, '@original'),
        followUps: Routes.webhook(target.applicationId, target.interactionToken),
      };
      // Interaction webhooks are authorised by their token, not the bot's (auth: false).
      const editOriginal = (body: MessageBody) =>
        rest.patch(hook.original, {
          body: { ...body, allowed_mentions: NO_MENTIONS },
          auth: false,
        }) as Promise<APIMessage>;
      const followUp = (body: MessageBody) =>
        rest.post(hook.followUps, {
          body: { ...body, allowed_mentions: NO_MENTIONS },
          query: new URLSearchParams({ wait: 'true' }),
          auth: false,
        }) as Promise<APIMessage>;
      // The deferred reply ("thinking…") is answered by the first thing sent; the rest follow up.
      let answered = false;

      const postDetails = async (brief: Brief, reply: APIMessage): Promise<void> => {
        const details = detailsEmbed(brief);
        if (!details) return;
        const body = { embeds: [details], allowed_mentions: NO_MENTIONS };
        if (target.canThread) {
          try {
            const thread = (await rest.post(Routes.threads(reply.channel_id, reply.id), {
              body: { name: threadName(brief), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
            })) as APIChannel;
            await rest.post(Routes.channelMessages(thread.id), { body });
            return;
          } catch (err) {
            logFailure(log, 'could not post the details in a thread', err);
            const kind = classifyDiscordError(err);
            if (kind === 'gone' || kind === 'expired') return;
          }
        }
        try {
          await followUp({ embeds: [details] });
        } catch (err) {
          logFailure(log, 'could not post the details', err);
        }
      };

      return {
        async brief(brief, { requestedUrl }) {
          const embeds = [briefEmbed(brief, requestedUrl)];
          const first = !answered;
          let reply: APIMessage;
          try {
            reply = first ? await editOriginal({ content: '', embeds }) : await followUp({ embeds });
          } catch (err) {
            logFailure(log, 'could not deliver the brief', err);
            // Discord refused this message (a bug of ours): the runner says so. An expired token,
            // a deleted channel, a lost permission: nothing more can reach this user.
            if (classifyDiscordError(err) === 'other') throw err;
            return { status: 'unreachable' };
          }
          answered = true;
          const details = () => postDetails(brief, reply);
          if (!detailsQueue.push(details)) await details();
          return { status: 'delivered', via: first ? 'reply' : 'follow-up' };
        },

        async notice(notice) {
          const content = discordNoticeText(notice, target);
          try {
            // The deferred reply's visibility was fixed at defer time (public for briefs, private
            // for digest commands); later notices follow up privately.
            if (!answered) await editOriginal({ content, embeds: [] });
            else await followUp({ content, flags: MessageFlags.Ephemeral });
            answered = true;
            return true;
          } catch (err) {
            logFailure(log, 'could not answer', err);
            const kind = classifyDiscordError(err);
            return kind !== 'expired' && kind !== 'gone';
          }
        },
      };
    },
  };
}
