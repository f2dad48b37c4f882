import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordHarness, type DiscordHarness } from '../../helpers/discord-harness.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';
import { llmServiceRig, type LlmServiceRig } from '../../helpers/llm-service.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/**
 * `brief usage` attributes LLM tokens to the channel that asked, on every platform: the real Bolt
 * app and discord.js bot against their fakes, the real LLM engine against the fake endpoint, and
 * the token ledger in a SQLite file.
 */
const ARTICLE = readFileSync(new URL('../../../examples/summit-article.txt', import.meta.url), 'utf8');

let openai: FakeOpenAI;
let tmp: ReturnType<typeof makeTempDir>;
let rig: LlmServiceRig;
let discord: DiscordHarness;
let slack: SlackHarness;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  tmp = makeTempDir();
  rig = llmServiceRig(openai, tmp.dir, { BRIEF_LLM_TIMEOUT_MS: '10000' });
  discord = await startDiscordHarness({}, { service: rig.service });
  slack = await startSlackHarness({ service: rig.service });
});
afterAll(async () => {
  await discord?.close();
  await slack?.close();
  await openai?.close();
  await rig?.store.close();
  tmp?.cleanup();
});

const callers = async () => (await rig.store.usageTotals()).map((row) => row.caller);

describe('LLM usage per channel', () => {
  it('is recorded under discord:<guild>/<channel> for a server channel', async () => {
    const p = discord.fake.chatInput('brief', { text: ARTICLE.slice(0, 5_000) });
    discord.fake.dispatchInteraction(p);
    const edit = await discord.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${p.token}/messages/%40original`),
    );
    expect(edit.body.embeds?.[0]?.footer?.text).toContain('llm (test-model)');
    expect(await callers()).toContain(`discord:${discord.fake.ids.guild}/${discord.fake.ids.channel}`);
  });

  it('is recorded under discord:dm/<channel> in a direct message', async () => {
    const p = discord.fake.chatInput('brief', { text: ARTICLE.slice(0, 5_000) }, { dm: true });
    discord.fake.dispatchInteraction(p);
    await discord.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${p.token}/messages/%40original`),
    );
    expect(await callers()).toContain(`discord:dm/${p.channel_id}`);
  });

  it('is recorded under slack:<team>/<channel>', async () => {
    await postSlashCommand(slack.eventsUrl, TEST_SIGNING_SECRET, {
      text: ARTICLE.slice(0, 5_000),
      response_url: slack.hooks.newUrl(),
      channel_id: 'C0USAGE',
    });
    await slack.api.waitForCalls('chat.postMessage', 1);
    expect(await callers()).toContain('slack:T0TEST/C0USAGE');
    expect(await callers()).not.toContain('unknown');
  });
});
