import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/start.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { createLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());

function setUp(apiUrl = fake.apiUrl) {
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-discord-token',
    DISCORD_APPLICATION_ID: fake.ids.application,
    DISCORD_API_URL: apiUrl,
  });
  const lines: string[] = [];
  const logger = createLogger('debug', (line) => lines.push(line));
  const service = createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });
  return { discord: config.discord!, deps: { service, logger }, lines };
}

describe('starting and stopping the bot', () => {
  it('refuses to start with a token Discord rejects, asking once and leaking nothing', async () => {
    fake.fail({
      method: 'GET',
      path: /^\/gateway\/bot$/,
      status: 401,
      code: 0,
      message: '401: Unauthorized',
    });
    const { discord, deps, lines } = setUp();
    const before = fake.requests.length;
    const failure = startDiscord(discord, deps);
    // Named like the Slack side's SLACK_BOT_TOKEN error: the operator knows what to fix.
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(
      /^DISCORD_TOKEN was refused by Discord: GET \/gateway\/bot answered 401/,
    );
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/gateway/bot']);
    expect(lines.join('\n')).not.toContain('fake-discord-token');
    await expect(failure.catch((e: Error) => e.message)).resolves.not.toContain('fake-discord-token');
  });

  it('refuses to start when the gateway rejects the token at identify (close code 4004)', async () => {
    fake.rejectNextIdentify(4004);
    const { discord, deps } = setUp();
    const failure = startDiscord(discord, deps);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(
      /^DISCORD_TOKEN was refused by Discord: the gateway closed with 4004/,
    );
  });

  it('says where it could not reach Discord', async () => {
    const { discord, deps } = setUp('http://127.0.0.1:1/api');
    const failure = startDiscord(discord, deps);
    await expect(failure).rejects.not.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(
      /^Discord start-up failed: the API at http:\/\/127\.0\.0\.1:1\/api did not answer/,
    );
  });

  it('logs in with the Guilds intent, then disconnects on stop', async () => {
    const { discord, deps, lines } = setUp();
    const bot = await startDiscord(discord, deps);
    expect(fake.identifies.at(-1)?.intents).toBe(1);
    expect(lines.some((l) => l.includes('"discord ready"'))).toBe(true);
    await bot.stop();
    expect(lines.some((l) => l.includes('"discord stopped"'))).toBe(true);
    expect(lines.join('\n')).not.toContain('fake-discord-token');
  });
});
