import type { BriefLength } from '../brief.js';
import type { ChannelRef } from '../digest/types.js';
import type { BriefInput } from '../service.js';

/**
 * The work a chat request turns into once it has been acknowledged. A job is plain JSON: the
 * process that receives a request (and acks it within the platform's 3 seconds) may not be the one
 * that runs it (docs/architecture.md, "Jobs, queues and deliverers"). So a job carries everything
 * the runner needs to deliver the answer without the request: no SDK objects, no functions, no
 * Dates, no `undefined` that would matter.
 */

/** Where a Slack answer goes, and what Slack needs to accept it. */
export interface SlackTarget {
  platform: 'slack';
  teamId: string;
  /** The Enterprise Grid organisation, when the request came from one (org-wide installs). */
  enterpriseId?: string;
  channel: string;
  /** Who asked: private answers (ephemeral messages) go to them. */
  user: string;
  /** Post inside this thread (mentions, shortcuts); unset: a channel post with the facts in its thread. */
  threadTs?: string;
  /**
   * The command's or shortcut's response_url: private answers, and the brief itself when the bot
   * cannot post in the conversation. Unset for events (mentions), which have none.
   */
  responseUrl?: string;
  /** When Slack sent the request (epoch ms): a response_url works for 30 minutes from then. */
  receivedAt: number;
}

/**
 * Where a Discord answer goes. The interaction was deferred by the receiving process; the answer
 * is delivered through the interaction's webhook (application id + token, valid 15 minutes from
 * `createdAt`) over REST, which needs no gateway connection.
 */
export interface DiscordTarget {
  platform: 'discord';
  applicationId: string;
  interactionId: string;
  interactionToken: string;
  channelId: string;
  /** null in a DM. */
  guildId: string | null;
  /** Who asked. */
  user: string;
  /** When Discord created the interaction (epoch ms, from its snowflake). */
  createdAt: number;
  /** The deferred reply is private (digest commands) or public (briefs). */
  ephemeral: boolean;
  /**
   * A thread can be started on the reply: a server text or announcement channel where the bot
   * has the thread permissions (known from the interaction, so no request is spent finding out).
   */
  canThread: boolean;
  /** The bot may post in the channel itself (digests are posted outside the interaction). */
  canPost: boolean;
}

export type DeliveryTarget = SlackTarget | DiscordTarget;

/** Brief each input (at most MAX_LINKS_PER_MESSAGE) and deliver each brief to the target. */
export interface BriefJob {
  kind: 'brief';
  /** One brief per input, delivered in this order. Never empty: adapters answer "nothing to brief" themselves. */
  inputs: BriefInput[];
  /** Who asked, for logs and the LLM usage ledger (`brief usage`): see callerOf(). */
  caller: string;
  target: DeliveryTarget;
  /**
   * The length the user asked for (Slack `--length`, Discord `length:`, a workspace's default);
   * unset: the service's default, standard.
   */
  length?: BriefLength;
  /**
   * Epoch ms after which no answer can reach the requester (a Discord interaction token's life,
   * less a margin). The runner stops working before it; a queue may drop a job still waiting then.
   */
  expiresAt?: number;
}

/** The slow digest commands: `add` validates the feed (a fetch), `now` composes and posts a digest. */
export type DigestAction =
  { action: 'add'; feedUrl: string; time?: string; timezone?: string } | { action: 'now' };

export interface DigestJob {
  kind: 'digest';
  command: DigestAction;
  target: DeliveryTarget;
  expiresAt?: number;
}

export type Job = BriefJob | DigestJob;

/** How a job ended. Either way the requester was answered, or could not be reached at all. */
export interface JobOutcome {
  status: 'done' | 'unreachable';
}

/**
 * The caller string usage is recorded under: `slack:<team>/<channel>`, `discord:<guild>/<channel>`,
 * `discord:dm/<channel>` in a direct message.
 */
export function callerOf(target: DeliveryTarget): string {
  if (target.platform === 'slack') return `slack:${target.teamId}/${target.channel}`;
  return `discord:${target.guildId ?? 'dm'}/${target.channelId}`;
}

/** The chat channel a target is in (digest subscriptions are per channel). */
export function channelOf(target: DeliveryTarget): ChannelRef {
  if (target.platform === 'slack')
    return { platform: 'slack', workspaceId: target.teamId, channelId: target.channel };
  // Digest commands are refused outside servers before they become jobs; "dm" keeps the type total.
  return { platform: 'discord', workspaceId: target.guildId ?? 'dm', channelId: target.channelId };
}

/**
 * Job ids name what makes the work unique, so a request delivered twice (Slack's event retries,
 * a Discord interaction dispatched twice) is one job. No colons: BullMQ refuses them in custom ids.
 */
export const jobIds = {
  slackCommand: (triggerId: string) => `slack-command-${triggerId}`,
  slackShortcut: (triggerId: string) => `slack-shortcut-${triggerId}`,
  slackEvent: (eventId: string) => `slack-event-${eventId}`,
  discordInteraction: (interactionId: string) => `discord-interaction-${interactionId}`,
};
