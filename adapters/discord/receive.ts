import { ChannelType, MessageFlags, type CommandInteraction } from 'discord.js';
import { callerOf, jobIds, type DiscordTarget, type Job } from '../../src/jobs/types.js';
import type { Logger } from '../../src/logger.js';
import type { BriefLength } from '../../src/brief.js';
import type { BriefInput } from '../../src/service.js';
import { NO_MENTIONS } from './client.js';
import type { CommandDeps } from './command.js';
import { logFailure } from './discord-errors.js';
import { problemContent } from './digest-notices.js';
import { DIGEST_PERMISSIONS, INTERACTION_TOKEN_TTL_MS, THREAD_PERMISSIONS } from './limits.js';

/** Stop working a little before the token dies, so the answer can still be delivered. */
const TOKEN_MARGIN_MS = 30_000;

/**
 * Everything a job needs to answer this interaction without it (src/jobs/types.ts): the webhook
 * credentials, and what the interaction told us about the channel and the bot's permissions there.
 */
export function discordTarget(
  interaction: CommandInteraction,
  options: { ephemeral: boolean },
): DiscordTarget {
  const inGuild = interaction.inGuild();
  return {
    platform: 'discord',
    applicationId: interaction.applicationId,
    interactionId: interaction.id,
    interactionToken: interaction.token,
    channelId: interaction.channelId,
    guildId: inGuild ? interaction.guildId : null,
    user: interaction.user.id,
    createdAt: interaction.createdTimestamp,
    ephemeral: options.ephemeral,
    canThread: inGuild && canStartThread(interaction),
    // Outside an interaction the bot needs its own permissions; Discord sends them with it.
    canPost: inGuild && interaction.appPermissions.has(DIGEST_PERMISSIONS),
  };
}

/** When the interaction token dies, less a margin: the job's work must end before. */
export function expiryOf(target: DiscordTarget): number {
  return target.createdAt + INTERACTION_TOKEN_TTL_MS - TOKEN_MARGIN_MS;
}

/** Threads need a server text channel and the thread permissions there (docs/discord.md). */
function canStartThread(interaction: CommandInteraction): boolean {
  // app_permissions comes with every guild interaction; checking saves a request that would 403.
  if (!interaction.appPermissions.has(THREAD_PERMISSIONS)) return false;
  const type = interaction.channel?.type;
  return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}

/** For problems found before any slow work (bad options): answered at once, only to the user. */
export async function replyEphemeral(interaction: CommandInteraction, text: string, logger: Logger) {
  try {
    await interaction.reply({
      content: problemContent(text),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  } catch (err) {
    logFailure(logger, 'could not reply', err);
  }
}

/**
 * Defers first (Discord drops interactions not answered within 3 s, and nothing before this line
 * may be slow), then queues the job, which answers through the interaction's webhook. The job id
 * is the interaction's: an interaction dispatched twice is one job.
 */
export async function deferThenEnqueue(
  interaction: CommandInteraction,
  deps: CommandDeps,
  options: { ephemeral: boolean },
  makeJob: (target: DiscordTarget) => Job,
): Promise<void> {
  const log = deps.logger.child({ interaction: interaction.id, command: interaction.commandName });
  try {
    await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (err) {
    logFailure(log, 'could not defer', err);
    return;
  }
  const target = discordTarget(interaction, options);
  const job = makeJob(target);
  const result = await deps.jobs.enqueue(job, { id: jobIds.discordInteraction(interaction.id) });
  if (result !== 'busy') return;
  log.warn('discord queue full; refused', { kind: job.kind });
  await deps.deliverer.open(target).notice({ kind: job.kind === 'brief' ? 'busy' : 'digest_busy' });
}

/** Each input becomes one brief: the first replaces the "thinking" reply, the others follow up. */
export function deferThenBrief(
  interaction: CommandInteraction,
  inputs: BriefInput[],
  deps: CommandDeps,
  length?: BriefLength,
): Promise<void> {
  return deferThenEnqueue(interaction, deps, { ephemeral: false }, (target) => ({
    kind: 'brief',
    inputs,
    caller: callerOf(target),
    target,
    ...(length ? { length } : {}),
    expiresAt: expiryOf(target),
  }));
}
