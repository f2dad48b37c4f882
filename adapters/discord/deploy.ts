/**
 * `npm run discord:deploy`: registers the bot's commands with Discord. Run it once after setup and
 * again whenever a command's definition changes (the bot itself never registers anything).
 */
import process from 'node:process';
import { ConfigError, loadConfig } from '../../src/config.js';
import { deployCommands } from './deploy-commands.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (!config.discord) {
    process.stderr.write('DISCORD_TOKEN: not set; see docs/discord.md\n');
    return 2;
  }
  const { scope, names } = await deployCommands(config.discord);
  const where = scope === 'guild' ? `guild ${config.discord.guildId}` : 'all servers (global)';
  process.stdout.write(`Registered ${names.length} commands for ${where}: ${names.join(', ')}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A DiscordAPIError says what Discord refused (401: wrong token, 404: wrong application id).
    process.stderr.write(
      `Could not register the commands: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
