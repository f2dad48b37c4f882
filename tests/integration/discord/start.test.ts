import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/start.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { createLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());

function setUp() {
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-discord-token',
    DISCORD_APPLICATION_ID: fake.ids.application,
    DISCORD_API_URL: fake.apiUrl,
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
    await expect(startDiscord(discord, deps)).rejects.toThrow(/token/i);
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/gateway/bot']);
    expect(lines.join('\n')).not.toContain('fake-discord-token');
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
