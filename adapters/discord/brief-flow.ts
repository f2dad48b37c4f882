import {
  ChannelType,
  MessageFlags,
  ThreadAutoArchiveDuration,
  type CommandInteraction,
  type Message,
  type MessageMentionOptions,
} from 'discord.js';
import type { Brief } from '../../src/brief.js';
import { isBriefError, userMessageOf } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { BriefInput } from '../../src/service.js';
import type { CommandDeps } from './command.js';
import { classifyDiscordError, discordErrorFields } from './discord-errors.js';
import { neutralizeMentions, truncate } from './escape.js';
import { INTERACTION_TOKEN_TTL_MS, MESSAGE_CONTENT_MAX, THREAD_PERMISSIONS } from './limits.js';
import { briefEmbed, detailsEmbed, threadName } from './render.js';

/** On every send as well as on the client: an article must never ping anyone (DESIGN.md). */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

/** Stop working a little before the token dies, so the error can still be delivered. */
const TOKEN_MARGIN_MS = 30_000;

const BUSY = 'Brief is busy with other requests right now. Please try again in a minute.';
const RESTARTING = 'Brief is restarting. Please try again in a minute.';

/** For problems found before any slow work (bad options): answered at once, only to the user. */
export async function replyEphemeral(interaction: CommandInteraction, text: string, logger: Logger) {
  try {
    await interaction.reply({
      content: errorContent(text),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  } catch (err) {
    logFailure(logger, 'could not reply', err);
  }
}

/**
 * Defers first (Discord drops interactions not answered within 3 s, and nothing before this line
 * may be slow), then queues the briefing. Each input becomes one brief: the first replaces the
 * "thinking" reply, the others follow up.
 */
export async function deferThenBrief(
  interaction: CommandInteraction,
  inputs: BriefInput[],
  deps: CommandDeps,
): Promise<void> {
  const log = deps.logger.child({ interaction: interaction.id, command: interaction.commandName });
  try {
    await interaction.deferReply();
  } catch (err) {
    logFailure(log, 'could not defer', err);
    return;
  }
  const queued = deps.queue.push(() => deliverBriefs(interaction, inputs, deps, log));
  if (!queued) await showError(interaction, BUSY, true, log);
}

async function deliverBriefs(
  interaction: CommandInteraction,
  inputs: BriefInput[],
  deps: CommandDeps,
  log: Logger,
): Promise<void> {
  for (const [i, input] of inputs.entries()) {
    const first = i === 0;
    let brief: Brief;
    try {
      brief = await deps.service.brief(input, { signal: deadline(interaction, deps.shutdown) });
    } catch (err) {
      if (!isBriefError(err) && !deps.shutdown.aborted) log.error('brief failed', { err });
      const text = deps.shutdown.aborted ? RESTARTING : userMessageOf(err);
      if (!(await showError(interaction, text, first, log))) return;
      continue;
    }
    const payload = { embeds: [briefEmbed(brief, input.kind === "url" ? input.url : null)], allowedMentions: NO_MENTIONS };
    let message: Message;
    try {
      message = first
        ? await interaction.editReply({ ...payload, content: '' })
        : await interaction.followUp(payload);
    } catch (err) {
      logFailure(log, 'could not deliver the brief', err);
      // Discord refused this message (a bug of ours): say so rather than "thinking" forever.
      // An expired token or a deleted channel: nothing more can reach this user.
      if (classifyDiscordError(err) === 'other') await showError(interaction, userMessageOf(err), first, log);
      return;
    }
    const details = () => postDetails(interaction, message, brief, log);
    if (!deps.detailsQueue.push(details)) await details();
  }
}

/** The key facts and entities go into a thread on the reply, or follow up where none can be made. */
async function postDetails(interaction: CommandInteraction, message: Message, brief: Brief, log: Logger) {
  const details = detailsEmbed(brief);
  if (!details) return;
  const payload = { embeds: [details], allowedMentions: NO_MENTIONS };
  if (canStartThread(interaction, message)) {
    try {
      const thread = await message.startThread({
        name: threadName(brief),
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      });
      await thread.send(payload);
      return;
    } catch (err) {
      const kind = classifyDiscordError(err);
      logFailure(log, 'could not post the details in a thread', err);
      if (kind === 'gone' || kind === 'expired') return;
    }
  }
  try {
    await interaction.followUp(payload);
  } catch (err) {
    logFailure(log, 'could not post the details', err);
  }
}

/** Threads need a guild text channel we know and the thread permissions there (docs/discord.md). */
function canStartThread(interaction: CommandInteraction, message: Message): boolean {
  if (!interaction.inGuild()) return false;
  // app_permissions comes with every guild interaction; checking saves a request that would 403.
  if (!interaction.appPermissions.has(THREAD_PERMISSIONS)) return false;
  const channel = interaction.client.channels.cache.get(message.channelId);
  return channel?.type === ChannelType.GuildText || channel?.type === ChannelType.GuildAnnouncement;
}

/**
 * The user-facing error. The first brief's error replaces the deferred reply, which Discord made
 * public at defer time (its visibility cannot change later); later ones follow up ephemerally.
 * Returns false when the interaction can no longer be answered at all.
 */
async function showError(interaction: CommandInteraction, text: string, first: boolean, log: Logger) {
  try {
    if (first) {
      await interaction.editReply({ content: errorContent(text), embeds: [], allowedMentions: NO_MENTIONS });
    } else {
      await interaction.followUp({
        content: errorContent(text),
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
    }
    return true;
  } catch (err) {
    logFailure(log, 'could not show the error', err);
    const kind = classifyDiscordError(err);
    return kind !== 'expired' && kind !== 'gone';
  }
}

function errorContent(text: string): string {
  // BriefError messages can quote what the user typed (a URL), so pings and links are broken too.
  return truncate(`⚠️ ${neutralizeMentions(text)}`, MESSAGE_CONTENT_MAX);
}

/** Briefing stops when the interaction token is about to die or the bot shuts down. */
export function deadline(interaction: CommandInteraction, shutdown: AbortSignal): AbortSignal {
  const left = interaction.createdTimestamp + INTERACTION_TOKEN_TTL_MS - TOKEN_MARGIN_MS - Date.now();
  return AbortSignal.any([AbortSignal.timeout(Math.max(left, 1)), shutdown]);
}

/** Expected failures (expired, deleted, forbidden, answered twice) are warnings, the rest errors. */
export function logFailure(log: Logger, what: string, err: unknown): void {
  const kind = classifyDiscordError(err);
  const fields = { reason: kind, ...discordErrorFields(err) };
  if (kind === 'other') log.error(what, fields);
  else log.warn(what, fields);
}
