import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions, deployCommands } from '../../../adapters/discord/deploy-commands.js';
import { loadConfig } from '../../../src/config.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());

const configFor = (guild?: string) =>
  loadConfig({
    DISCORD_TOKEN: 'fake-discord-token',
    DISCORD_APPLICATION_ID: fake.ids.application,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: guild,
  }).discord!;

describe('npm run discord:deploy', () => {
  it('registers exactly the bot’s command definitions globally', async () => {
    const result = await deployCommands(configFor());
    expect(result).toEqual({ scope: 'global', names: ['brief', 'Brief this message', 'digest'] });
    const put = await fake.waitFor(
      (r) => r.method === 'PUT' && r.path === `/applications/${fake.ids.application}/commands`,
    );
    expect(put.json).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
    // /brief's length option, with its three choices, is part of what Discord gets.
    const brief = (
      put.json as Array<{ name: string; options?: Array<{ name: string; choices?: unknown[] }> }>
    ).find((c) => c.name === 'brief');
    expect(brief?.options?.find((o) => o.name === 'length')?.choices).toEqual([
      { name: 'short: one sentence, three facts', value: 'short' },
      { name: 'standard: up to three sentences', value: 'standard' },
      { name: 'detailed: up to five sentences', value: 'detailed' },
    ]);
  });

  it('registers to one guild when DISCORD_GUILD_ID is set', async () => {
    const result = await deployCommands(configFor(fake.ids.guild));
    expect(result.scope).toBe('guild');
    await fake.waitFor(
      (r) =>
        r.method === 'PUT' &&
        r.path === `/applications/${fake.ids.application}/guilds/${fake.ids.guild}/commands`,
    );
  });

  it('reports what Discord refused, without retrying', async () => {
    fake.fail({ method: 'PUT', path: /commands$/, status: 401, code: 0, message: '401: Unauthorized' });
    const before = fake.requests.length;
    await expect(deployCommands(configFor())).rejects.toThrow(/Unauthorized/);
    expect(fake.requests.length - before).toBe(1);
  });
});
