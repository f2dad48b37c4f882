import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { ChannelRef, DigestService } from '../../src/digest/types.js';
import { isBriefError, userMessageOf } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { deadline, logFailure, NO_MENTIONS } from './brief-flow.js';
import type { CommandDeps } from './command.js';
import { classifyDiscordError } from './discord-errors.js';
import {
  DIGEST_BUSY,
  DIGEST_CANNOT_POST,
  DIGEST_CANNOT_POST_YET,
  DIGEST_DISABLED,
  DIGEST_GUILD_ONLY,
  DIGEST_NEEDS_MANAGE_CHANNELS,
  DIGEST_NO_FEEDS,
  listContent,
  nowContent,
  problemContent,
  removedContent,
  subscribedContent,
} from './digest-notices.js';
import { DIGEST_PERMISSIONS } from './limits.js';

type Interaction = ChatInputCommandInteraction;

/**
 * Routes `/digest` subcommands. Every answer is ephemeral: only the digest itself is public.
 * list and remove are quick store calls answered at once; add and now defer first (fetching
 * feeds and briefing articles takes longer than Discord's 3 s) and run on the digest queue.
 */
export async function runDigestCommand(interaction: Interaction, deps: CommandDeps): Promise<void> {
  const log = deps.logger.child({ interaction: interaction.id, command: 'digest' });
  const digest = deps.digest;
  if (!digest) return reply(interaction, DIGEST_DISABLED, log);
  if (!interaction.inGuild()) return reply(interaction, DIGEST_GUILD_ONLY, log);
  const channel: ChannelRef = {
    platform: 'discord',
    workspaceId: interaction.guildId,
    channelId: interaction.channelId,
  };
  const sub = interaction.options.getSubcommand(true);
  // The command's default permission can be changed by server admins; this check cannot.
  if (
    (sub === 'add' || sub === 'remove') &&
    !interaction.memberPermissions.has(PermissionFlagsBits.ManageChannels)
  )
    return reply(interaction, DIGEST_NEEDS_MANAGE_CHANNELS, log);

  switch (sub) {
    case 'list':
      return reply(interaction, await quick(async () => listContent(await digest.list(channel)), log), log);
    case 'remove': {
      const id = interaction.options.getInteger('id', true);
      return reply(
        interaction,
        await quick(async () => removedContent(await digest.remove(channel, id), id), log),
        log,
      );
    }
    case 'add':
      return deferThen(interaction, deps, log, () => add(interaction, deps, digest, channel, log));
    case 'now':
      // Outside an interaction the bot needs its own permissions; Discord sends them with it.
      if (!interaction.appPermissions.has(DIGEST_PERMISSIONS))
        return reply(interaction, DIGEST_CANNOT_POST, log);
      if ((await digest.list(channel)).length === 0) return reply(interaction, DIGEST_NO_FEEDS, log);
      return deferThen(interaction, deps, log, () => now(interaction, deps, digest, channel, log));
    default:
      log.warn('unknown /digest subcommand; run npm run discord:deploy', { sub });
      return reply(interaction, 'This command is no longer available.', log);
  }
}

async function add(
  interaction: Interaction,
  deps: CommandDeps,
  digest: DigestService,
  channel: ChannelRef,
  log: Logger,
): Promise<void> {
  const time = interaction.options.getString('time')?.trim();
  const timezone = interaction.options.getString('timezone')?.trim();
  try {
    const result = await digest.subscribe(
      {
        channel,
        feedUrl: interaction.options.getString('feed', true).trim(),
        addedBy: interaction.user.id,
        ...(time ? { time } : {}),
        ...(timezone ? { timezone } : {}),
      },
      deadline(interaction, deps.shutdown),
    );
    log.info('discord digest subscribed', { channel: channel.channelId, id: result.subscription.id });
    // Scheduled digests are posted by the bot itself: warn now rather than at 09:00 tomorrow.
    const warning = interaction.appPermissions.has(DIGEST_PERMISSIONS) ? '' : `\n${DIGEST_CANNOT_POST_YET}`;
    await edit(interaction, subscribedContent(result) + warning, log);
  } catch (err) {
    await edit(interaction, failure(err, 'digest add failed', log), log);
  }
}

async function now(
  interaction: Interaction,
  deps: CommandDeps,
  digest: DigestService,
  channel: ChannelRef,
  log: Logger,
): Promise<void> {
  try {
    const result = await digest.runNow(channel, deps.digestPublisher, deadline(interaction, deps.shutdown));
    log.info('discord digest now', { channel: channel.channelId, status: result.status });
    await edit(interaction, nowContent(result), log);
  } catch (err) {
    if (causes(err).some((e) => classifyDiscordError(e) === 'forbidden')) {
      log.info('discord digest now: cannot post in the channel', { channel: channel.channelId });
      return edit(interaction, DIGEST_CANNOT_POST, log);
    }
    await edit(interaction, failure(err, 'digest now failed', log), log);
  }
}

async function deferThen(interaction: Interaction, deps: CommandDeps, log: Logger, job: () => Promise<void>) {
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (err) {
    logFailure(log, 'could not defer', err);
    return;
  }
  if (!deps.digestQueue.push(job)) await edit(interaction, DIGEST_BUSY, log);
}

async function quick(run: () => Promise<string>, log: Logger): Promise<string> {
  try {
    return await run();
  } catch (err) {
    return failure(err, 'digest command failed', log);
  }
}

function failure(err: unknown, what: string, log: Logger): string {
  if (isBriefError(err)) log.info(what, { code: err.code });
  else log.error(what, { err });
  return problemContent(userMessageOf(err));
}

async function reply(interaction: Interaction, content: string, log: Logger): Promise<void> {
  try {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } catch (err) {
    logFailure(log, 'could not reply', err);
  }
}

async function edit(interaction: Interaction, content: string, log: Logger): Promise<void> {
  try {
    await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  } catch (err) {
    logFailure(log, 'could not answer /digest', err);
  }
}

/** The digest service may wrap what the publisher threw. */
function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (
    let e: unknown = err;
    e !== undefined && e !== null && out.length < 5;
    e = (e as { cause?: unknown }).cause
  )
    out.push(e);
  return out;
}
