import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const APP = '123456789012345678';

describe('Discord configuration', () => {
  it('is off without a token', () => {
    expect(loadConfig({}).discord).toBeNull();
  });

  it('reads token, application id, guild id and API base', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'fake-token.abc',
      DISCORD_APPLICATION_ID: APP,
      DISCORD_GUILD_ID: '234567890123456789',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(config.discord).toEqual({
      token: 'fake-token.abc',
      applicationId: APP,
      guildId: '234567890123456789',
      apiUrl: 'http://127.0.0.1:9999/api',
    });
  });

  it('defaults to Discord’s API and registers globally', () => {
    const discord = loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP }).discord;
    expect(discord).toMatchObject({ apiUrl: 'https://discord.com/api', guildId: null });
  });

  it.each([
    [{ DISCORD_TOKEN: 't' }, /^DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set/],
    [
      { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-bot' },
      /^DISCORD_APPLICATION_ID: must be a Discord id/,
    ],
    [
      { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: '12' },
      /^DISCORD_GUILD_ID: must be a Discord id/,
    ],
    [{ DISCORD_TOKEN: 'Bot abc', DISCORD_APPLICATION_ID: APP }, /^DISCORD_TOKEN: must be the bot token/],
    [
      { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_API_URL: 'ftp://x' },
      /^DISCORD_API_URL: must be an http\(s\) URL/,
    ],
  ])('names the variable in one line: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message.split('\n')).toHaveLength(1);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('Bot abc');
    }
  });
});
