import { REST, Routes, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Command } from './command.js';
import { commands } from './commands/index.js';
import { REST_TIMEOUT_MS } from './limits.js';

/** The registration body: exactly the definitions the bot routes by (one source of truth). */
export function commandDefinitions(
  list: readonly Command[] = commands,
): RESTPutAPIApplicationCommandsJSONBody {
  return list.map((command) => command.data.toJSON());
}

export interface DeployResult {
  scope: 'global' | 'guild';
  names: string[];
}

/**
 * Replaces the application's commands with ours (PUT is a bulk overwrite: commands removed from
 * the code disappear from Discord too). With a guild id they appear at once in that one server,
 * which is what you want while testing; globally they reach every server the bot is in.
 */
export async function deployCommands(
  config: DiscordConfig,
  list: readonly Command[] = commands,
): Promise<DeployResult> {
  const rest = new REST({ api: config.apiUrl, timeout: REST_TIMEOUT_MS }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const body = commandDefinitions(list);
  await rest.put(route, { body });
  return { scope: config.guildId ? 'guild' : 'global', names: body.map((c) => c.name) };
}
