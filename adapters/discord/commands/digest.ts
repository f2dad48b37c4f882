import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { logFailure } from '../discord-errors.js';
import type { Command } from '../command.js';
import { runDigestCommand } from '../digest-flow.js';
import { suggestTimezones } from '../timezones.js';

/** Longer than any feed URL worth subscribing to; Discord refuses longer input in the client. */
const FEED_OPTION_MAX = 2000;

/**
 * `/digest add|list|remove|now`. Discord's command permissions apply to a whole command, not to
 * one subcommand, so the default is Manage Channels for all of `/digest` (server admins can open
 * list and now to everyone under Server Settings > Integrations); add and remove check the
 * member's permission again at run time whatever the server configured.
 */
const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription('Daily digests of news feeds in this channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Subscribe this channel to a news feed (needs Manage Channels)')
      .addStringOption((o) =>
        o
          .setName('feed')
          .setDescription('Address of the RSS, Atom or JSON feed')
          .setRequired(true)
          .setMaxLength(FEED_OPTION_MAX),
      )
      .addStringOption((o) =>
        o
          .setName('time')
          .setDescription('Local time of the daily digest, HH:MM (default 09:00)')
          .setMaxLength(10),
      )
      .addStringOption((o) =>
        o
          .setName('timezone')
          .setDescription('Time zone, e.g. Europe/Berlin or America/New_York (default UTC)')
          .setMaxLength(64)
          .setAutocomplete(true),
      ),
  )
  .addSubcommand((s) => s.setName('list').setDescription('The feeds this channel follows'))
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Stop a subscription of this channel (needs Manage Channels)')
      .addIntegerOption((o) =>
        o.setName('id').setDescription('Its number, from /digest list').setRequired(true).setMinValue(1),
      ),
  )
  .addSubcommand((s) => s.setName('now').setDescription('Post what is new in this channel’s feeds now'));

export const digestCommand = {
  kind: 'chat',
  data,
  execute: runDigestCommand,
  // IANA names are hard to type from memory: suggest the ones matching what was typed so far.
  async autocomplete(interaction, deps) {
    const focused = interaction.options.getFocused(true);
    const zones = focused.name === 'timezone' ? suggestTimezones(String(focused.value)) : [];
    try {
      await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
    } catch (err) {
      logFailure(deps.logger, 'could not suggest time zones', err);
    }
  },
} satisfies Command;
