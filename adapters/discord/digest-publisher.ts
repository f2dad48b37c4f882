import {
  DiscordAPIError,
  Routes,
  ThreadAutoArchiveDuration,
  type APIChannel,
  type APIMessage,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Digest, DigestPublisher } from '../../src/digest/types.js';
import type { Logger } from '../../src/logger.js';
import { NO_MENTIONS } from './client.js';
import { classifyDiscordError, discordErrorFields } from './discord-errors.js';
import { digestEmbed, digestThreadName, storyMessages } from './render-digest.js';

/** Parents whose thread (or lack of one) we remember; older ones are forgotten first. */
const REMEMBERED_PARENTS = 500;

/**
 * Posts digests to Discord channels through the bot's REST client (outside any interaction, so
 * the bot needs View Channel, Send Messages and Embed Links there): the parent embed in the
 * channel, then a thread on it with one message per story. Where no thread can be made (a missing
 * permission, a channel type without threads) the stories go to the channel. Failures to post the
 * parent are thrown: `/digest now` explains them, the scheduler logs them and tries again later.
 */
export function createDiscordDigestPublisher(rest: REST, logger: Logger): DigestPublisher {
  // parent message id -> where its stories go (a thread id, or the channel id as the fallback)
  const targets = new Map<string, string>();

  const post = (channelId: string, body: RESTPostAPIChannelMessageJSONBody) =>
    rest.post(Routes.channelMessages(channelId), {
      body: { ...body, allowed_mentions: NO_MENTIONS },
    }) as Promise<APIMessage>;

  const storyTarget = async (digest: Digest, parentRef: string): Promise<string> => {
    const known = targets.get(parentRef);
    if (known) return known;
    const channelId = channelOf(digest);
    let target: string;
    try {
      const thread = (await rest.post(Routes.threads(channelId, parentRef), {
        body: { name: digestThreadName(digest), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
      })) as APIChannel;
      target = thread.id;
    } catch (err) {
      target = threadFallback(err, channelId, parentRef, logger);
    }
    targets.set(parentRef, target);
    if (targets.size > REMEMBERED_PARENTS) targets.delete(targets.keys().next().value!);
    return target;
  };

  return {
    async postParent(digest) {
      const message = await post(channelOf(digest), { embeds: [digestEmbed(digest)] });
      return message.id;
    },
    async postStory(digest, parentRef, index) {
      const target = await storyTarget(digest, parentRef);
      for (const message of storyMessages(digest, index)) await post(target, message);
    },
  };
}

/**
 * Where stories go when the thread could not be started. A thread that already exists (a resumed
 * digest) has the parent message's id; a refusal (no Create Public Threads, a thread or forum
 * channel) sends them to the channel; anything else (the channel is gone, Discord is down) is
 * thrown so the digest is retried rather than half-posted somewhere odd.
 */
function threadFallback(err: unknown, channelId: string, parentRef: string, logger: Logger): string {
  const kind = classifyDiscordError(err);
  if (kind === 'thread-exists') return parentRef;
  const refused = kind === 'forbidden' || (err instanceof DiscordAPIError && err.status === 400);
  if (!refused) throw err;
  logger.warn('digest: no thread on the parent; posting the stories in the channel', {
    channel: channelId,
    reason: kind,
    ...discordErrorFields(err),
  });
  return channelId;
}

function channelOf(digest: Digest): string {
  if (digest.channel.platform !== 'discord')
    throw new Error(`not a Discord channel: ${digest.channel.platform}`);
  return digest.channel.channelId;
}
