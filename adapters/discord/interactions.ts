import { MessageFlags, type Interaction } from 'discord.js';
import { NO_MENTIONS } from './client.js';
import { logFailure } from './discord-errors.js';
import type { ChatCommand, Command, CommandDeps, MessageCommand } from './command.js';

const APOLOGY = 'Something went wrong on our side. Please try again in a minute.';

/**
 * Routes interactions to commands by type and name. The returned listener never rejects and never
 * throws: a failing command is logged and, when it has not answered yet, the user gets an apology.
 */
export function createInteractionListener(
  commands: readonly Command[],
  deps: CommandDeps,
): (interaction: Interaction) => void {
  const chat = new Map<string, ChatCommand>();
  const message = new Map<string, MessageCommand>();
  for (const command of commands) {
    if (command.kind === 'chat') chat.set(command.data.name, command);
    else message.set(command.data.name, command);
  }

  const handle = async (interaction: Interaction): Promise<void> => {
    if (interaction.isChatInputCommand()) {
      const command = chat.get(interaction.commandName);
      if (command) return command.execute(interaction, deps);
    } else if (interaction.isAutocomplete()) {
      // Suggestions only: an unknown command gets none (Discord shows "loading options failed").
      return chat.get(interaction.commandName)?.autocomplete?.(interaction, deps);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = message.get(interaction.commandName);
      if (command) return command.execute(interaction, deps);
    } else {
      return;
    }
    // Registered once, since removed from the code: the deploy script was not re-run.
    deps.logger.warn('interaction for an unknown command; run npm run discord:deploy', {
      command: interaction.commandName,
    });
    await interaction.reply({
      content: 'This command is no longer available.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  };

  return (interaction) => {
    handle(interaction).catch(async (err: unknown) => {
      deps.logger.error('interaction handler failed', { err, interaction: interaction.id });
      if (!interaction.isRepliable() || interaction.replied) return;
      try {
        const reply = { content: APOLOGY, allowedMentions: NO_MENTIONS };
        if (interaction.deferred) await interaction.editReply(reply);
        else await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
      } catch (replyErr) {
        logFailure(deps.logger, 'could not apologise', replyErr);
      }
    });
  };
}
