import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { answerDigestQuickly, digestNowRefusal } from '../../src/jobs/digest-job.js';
import { channelOf, type DigestAction } from '../../src/jobs/types.js';
import type { Logger } from '../../src/logger.js';
import { NO_MENTIONS } from './client.js';
import type { CommandDeps } from './command.js';
import { logFailure } from './discord-errors.js';
import {
  DIGEST_CANNOT_POST,
  DIGEST_DISABLED,
  DIGEST_GUILD_ONLY,
  DIGEST_NEEDS_MANAGE_CHANNELS,
  discordNoticeText,
} from './digest-notices.js';
import { deferThenEnqueue, discordTarget, expiryOf } from './receive.js';

type Interaction = ChatInputCommandInteraction;

/**
 * `/digest`: the Discord options, permission checks and acks of the digest commands in
 * src/jobs/digest-job.ts. Every answer is ephemeral: only the digest itself is public. list and
 * remove are quick store calls answered at once; add and now defer first (fetching feeds and
 * briefing articles takes longer than Discord's 3 s) and run as digest jobs.
 */
export async function runDigestCommand(interaction: Interaction, deps: CommandDeps): Promise<void> {
  const log = deps.logger.child({ interaction: interaction.id, command: 'digest' });
  const digest = deps.digest;
  if (!digest) return reply(interaction, DIGEST_DISABLED, log);
  if (!interaction.inGuild()) return reply(interaction, DIGEST_GUILD_ONLY, log);
  const target = discordTarget(interaction, { ephemeral: true });
  const channel = channelOf(target);
  const sub = interaction.options.getSubcommand(true);
  // The command's default permission can be changed by server admins; this check cannot.
  if (
    (sub === 'add' || sub === 'remove') &&
    !interaction.memberPermissions.has(PermissionFlagsBits.ManageChannels)
  )
    return reply(interaction, DIGEST_NEEDS_MANAGE_CHANNELS, log);
  const answer = async (command: Parameters<typeof answerDigestQuickly>[2]) =>
    reply(
      interaction,
      discordNoticeText(await answerDigestQuickly(digest, channel, command, log), target),
      log,
    );
  const enqueue = (command: DigestAction) =>
    deferThenEnqueue(interaction, deps, { ephemeral: true }, (t) => ({
      kind: 'digest',
      command,
      target: t,
      expiresAt: expiryOf(t),
    }));

  switch (sub) {
    case 'list':
      return answer({ action: 'list' });
    case 'remove':
      return answer({ action: 'remove', id: interaction.options.getInteger('id', true) });
    case 'add': {
      const time = interaction.options.getString('time')?.trim();
      const timezone = interaction.options.getString('timezone')?.trim();
      return enqueue({
        action: 'add',
        feedUrl: interaction.options.getString('feed', true).trim(),
        ...(time ? { time } : {}),
        ...(timezone ? { timezone } : {}),
      });
    }
    case 'now': {
      if (!target.canPost) return reply(interaction, DIGEST_CANNOT_POST, log);
      const refusal = await digestNowRefusal(digest, channel);
      if (refusal) return reply(interaction, discordNoticeText(refusal, target), log);
      return enqueue({ action: 'now' });
    }
    default:
      log.warn('unknown /digest subcommand; run npm run discord:deploy', { sub });
      return reply(interaction, 'This command is no longer available.', log);
  }
}

async function reply(interaction: Interaction, content: string, log: Logger): Promise<void> {
  try {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } catch (err) {
    logFailure(log, 'could not reply', err);
  }
}
