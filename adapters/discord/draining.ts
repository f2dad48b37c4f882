import { MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import { logFailure, NO_MENTIONS } from './brief-flow.js';

/** New commands while the process drains on SIGTERM: another one (or this one, restarted) takes over. */
export const RESTARTING_TEXT = 'Brief is restarting. Please try again in a minute.';

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
