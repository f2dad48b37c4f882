import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type Message,
} from 'discord.js';
import { findLinks, inputsFromMessage } from '../../../src/message-input.js';
import type { BriefInput } from '../../../src/service.js';
import { deferThenBrief, replyEphemeral } from '../receive.js';
import type { Command } from '../command.js';

const data = new ContextMenuCommandBuilder()
  .setName('Brief this message')
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

export const briefMessageCommand = {
  kind: 'message',
  data,
  async execute(interaction, deps) {
    const inputs = inputsOfMessage(interaction.targetMessage);
    if (inputs.length === 0) {
      return replyEphemeral(interaction, 'That message has no links or text to brief.', deps.logger);
    }
    return deferThenBrief(interaction, inputs, deps);
  },
} satisfies Command;

/**
 * The message's links (or its text when it has none). A message whose link only survives in an
 * embed (a bot's post, a suppressed preview) is briefed by the embed's URL.
 */
export function inputsOfMessage(message: Pick<Message, 'content' | 'embeds'>): BriefInput[] {
  const fromContent = inputsFromMessage(message.content);
  if (fromContent.length > 0) return fromContent;
  const embedLinks = message.embeds.flatMap((e) => (e.url ? findLinks(e.url) : []));
  return inputsFromMessage(embedLinks.join(' '));
}
