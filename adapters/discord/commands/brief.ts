import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { isBriefLength } from '../../../src/brief.js';
import { inputsFromMessage } from '../../../src/message-input.js';
import type { BriefInput } from '../../../src/service.js';
import { deferThenBrief, replyEphemeral } from '../receive.js';
import type { Command } from '../command.js';
import { STRING_OPTION_MAX } from '../limits.js';

/** Browsers and servers disagree beyond ~2,000 characters; no article URL is longer. */
const URL_OPTION_MAX = 2000;

const data = new SlashCommandBuilder()
  .setName('brief')
  .setDescription('Brief a news article: headline, summary and key facts with quotes')
  .addStringOption((o) => o.setName('url').setDescription('Link to the article').setMaxLength(URL_OPTION_MAX))
  .addStringOption((o) =>
    o.setName('text').setDescription('Or paste the article text').setMaxLength(STRING_OPTION_MAX),
  )
  .addStringOption((o) =>
    o
      .setName('length')
      .setDescription('How long a brief (default: standard)')
      .addChoices(
        { name: 'short: one sentence, three facts', value: 'short' },
        { name: 'standard: up to three sentences', value: 'standard' },
        { name: 'detailed: up to five sentences', value: 'detailed' },
      ),
  )
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

export const briefCommand = {
  kind: 'chat',
  data,
  async execute(interaction, deps) {
    const parsed = inputFromOptions(
      interaction.options.getString('url'),
      interaction.options.getString('text'),
    );
    if ('problem' in parsed) return replyEphemeral(interaction, parsed.problem, deps.logger);
    // Discord only offers the choices; anything else (an old client, a forged payload) is the default.
    const length = interaction.options.getString('length');
    return deferThenBrief(interaction, parsed.inputs, deps, isBriefLength(length) ? length : undefined);
  },
} satisfies Command;

/**
 * Checks the options without doing anything slow (it runs before the defer): exactly one of url
 * and text, and a url that is at least an http(s) address. The safe fetcher checks the rest.
 * `text` follows the rule of every surface (src/message-input.ts): an article pasted in is briefed
 * as text, links and all; a link with a few words around it is briefed as the link.
 */
export function inputFromOptions(
  url: string | null,
  text: string | null,
): { inputs: BriefInput[] } | { problem: string } {
  const link = url?.trim() ?? '';
  const pasted = text?.trim() ?? '';
  if (!link && !pasted) {
    return {
      problem:
        'Give me something to brief: `/brief url:` with a link, or `/brief text:` with the article text.',
    };
  }
  if (link && pasted) {
    return { problem: 'Use either `url` or `text`, not both.' };
  }
  if (pasted) return { inputs: inputsFromMessage(pasted) };
  const parsed = asHttpUrl(/^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `https://${link}`);
  if (!parsed) {
    return {
      problem:
        'That does not look like a web address. Paste a full link, such as https://example.com/news/story.',
    };
  }
  return { inputs: [{ kind: 'url', url: parsed }] };
}

function asHttpUrl(value: string): string | null {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? u.href : null;
  } catch {
    return null;
  }
}
