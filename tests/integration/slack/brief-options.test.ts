import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WORKING_TEXT } from '../../../adapters/slack/render/notices.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { silentLogger } from '../../../src/logger.js';
import { NOT_AN_ARTICLE_TEXT } from '../../../src/render/notices.js';
import { createBriefService, type BriefRequestOptions, type BriefService } from '../../../src/service.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { summitPage } from '../../helpers/slack-pages.js';
import {
  messageShortcutPayload,
  postInteraction,
  postSlashCommand,
} from '../../helpers/slack-signed-client.js';

/**
 * `/brief --length`, pasted articles that contain links, and pages that are not articles, through
 * the real Bolt app, job runner and brief service (issue 13).
 */
const listing = readFileSync(new URL('../../fixtures/ingest/listing-page.html', import.meta.url), 'utf8');
const pastedArticle =
  'The Harbor Bridge reopened to traffic on Monday after eight months of repairs, the city said. ' +
  'The work cost $42 million, two million less than planned, according to <PRESS|the council’s report>. ' +
  'About 60,000 vehicles cross the bridge every day. Cyclists get a separate lane for the first time, ' +
  'a change residents asked for in 2021.';

let pages: ArticleServer;
let h: SlackHarness;
/** What each brief was asked for: the real service, watched. */
const asked: Array<BriefRequestOptions | undefined> = [];

beforeAll(async () => {
  pages = await startArticleServer({
    '/summit': summitPage(),
    '/press': summitPage(),
    '/world': { body: listing, headers: { 'content-type': 'text/html' } },
  });
  const allow = { BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${pages.port}`, BRIEF_ENGINE: 'extractive' };
  const real = createBriefService({
    config: loadConfig(allow),
    engines: { extractive: createExtractiveEngine() },
    logger: silentLogger,
  });
  const service: BriefService = {
    ...real,
    brief: (input, options) => {
      asked.push(options);
      return real.brief(input, options);
    },
  };
  h = await startSlackHarness({ service, env: allow });
});
afterAll(async () => {
  await h.close();
  await pages.close();
});
beforeEach(async () => {
  await h.slack.idle();
  h.api.reset();
  asked.length = 0;
});

const command = (text: string, responseUrl = h.hooks.newUrl()) =>
  postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, {
    text,
    response_url: responseUrl,
    channel_id: 'C0CHANNEL',
  });

describe('/brief --length', () => {
  it('briefs at the length asked for before the link, standard without one', async () => {
    const ack = await command(`--length short <${pages.url('/summit')}>`);
    expect(JSON.parse(ack.body)).toEqual({ response_type: 'ephemeral', text: WORKING_TEXT });
    await h.api.waitForCalls('chat.postMessage', 2);
    expect(asked).toEqual([expect.objectContaining({ length: 'short', articlesOnly: true })]);

    await h.slack.idle();
    await command(`<${pages.url('/summit')}>`);
    await h.api.waitForCalls('chat.postMessage', 4);
    expect(asked[1]?.length).toBeUndefined();
  });

  it('answers a length it does not know with the allowed values, and briefs nothing', async () => {
    const before = pages.requests.length;
    const ack = await command(`--length long <${pages.url('/summit')}>`);
    const body = JSON.parse(ack.body) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/`short`, `standard`, `detailed`.*long/);
    await h.slack.idle();
    expect(asked).toEqual([]);
    expect(pages.requests.length).toBe(before);
  });
});

describe('text that is not a link', () => {
  it('briefs a pasted article as text, without fetching the link inside it', async () => {
    const before = pages.requests.length;
    await command(pastedArticle.replace('PRESS', pages.url('/press')));
    const [main] = await h.api.waitForCalls('chat.postMessage', 1);
    expect(JSON.stringify(main!.args)).toContain('Harbor Bridge');
    expect(pages.requests.length).toBe(before);
  });

  it('the message shortcut follows the same rule', async () => {
    const before = pages.requests.length;
    const payload = messageShortcutPayload({
      text: pastedArticle.replace('PRESS', pages.url('/press')),
      ts: '1699999999.000900',
      response_url: h.hooks.newUrl(),
    });
    await postInteraction(h.eventsUrl, TEST_SIGNING_SECRET, payload);
    const [main] = await h.api.waitForCalls('chat.postMessage', 1);
    expect(JSON.stringify(main!.args)).toContain('Harbor Bridge');
    expect(pages.requests.length).toBe(before);
  });

  it('answers a page that is not an article privately, and posts nothing', async () => {
    const responseUrl = h.hooks.newUrl();
    await command(`<${pages.url('/world')}>`, responseUrl);
    const [notice] = await h.hooks.waitForPosts(responseUrl, 1);
    expect(notice!.body).toMatchObject({ response_type: 'ephemeral', text: `⚠️ ${NOT_AN_ARTICLE_TEXT}` });
    await h.slack.idle();
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });
});
