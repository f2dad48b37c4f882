import { MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import { RESTARTING_TEXT } from '../../src/render/notices.js';
import { NO_MENTIONS } from './client.js';
import { logFailure } from './discord-errors.js';

/**
 * Answers an interaction that arrived while draining, within Discord's 3 s, instead of leaving the
 * user with "The application did not respond". Returns true when it told a user "restarting".
 */
export function answerWhileDraining(interaction: Interaction, log: Logger): boolean {
  if (interaction.isAutocomplete()) {
    interaction.respond([]).catch((err: unknown) => logFailure(log, 'could not answer autocomplete', err));
    return false;
  }
  if (!interaction.isRepliable()) return false;
  interaction
    .reply({ content: RESTARTING_TEXT, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
    .catch((err: unknown) => logFailure(log, 'could not say "restarting"', err));
  return true;
}
