import { z } from 'zod';

// Discord is configured when DISCORD_TOKEN is set; the application id is then required (command
// registration and interaction webhooks are addressed by it).

export interface DiscordConfig {
  token: string;
  /** The application's snowflake (Developer Portal > General Information > Application ID). */
  applicationId: string;
  /** Set => the deploy script registers commands to this one guild (instant) instead of globally. */
  guildId: string | null;
  /** REST base without the version (discord.js appends /v10); proxies and tests change it. */
  apiUrl: string;
}

// Snowflakes are 64-bit integers written in decimal: 17-20 digits today.
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');

export const discordEnv = z.object({
  DISCORD_TOKEN: z
    .string()
    .regex(/^\S+$/, 'must be the bot token from the Bot page, without spaces or a "Bot " prefix')
    .optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://discord.com/api' })
    .default('https://discord.com/api')
    .transform((u) => u.replace(/\/+$/, '')),
});
export type DiscordEnv = z.infer<typeof discordEnv>;

/** Cross-variable rules; pushes one line per problem, naming the variable. */
export function discordConfigOf(e: DiscordEnv, problems: string[]): DiscordConfig | null {
  if (!e.DISCORD_TOKEN) return null;
  if (!e.DISCORD_APPLICATION_ID) {
    problems.push(
      'DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (Developer Portal > General Information > Application ID)',
    );
    return null;
  }
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    guildId: e.DISCORD_GUILD_ID ?? null,
    apiUrl: e.DISCORD_API_URL,
  };
}
