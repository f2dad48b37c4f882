import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { silentLogger } from '../../../src/logger.js';
import { NOT_AN_ARTICLE_TEXT } from '../../../src/render/notices.js';
import { createBriefService, type BriefRequestOptions, type BriefService } from '../../../src/service.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { startDiscordHarness, type DiscordHarness } from '../../helpers/discord-harness.js';
import type { InteractionPayload } from '../../helpers/fake-discord-payloads.js';
import type { RecordedRequest } from '../../helpers/fake-discord.js';

/** Discord's /brief `length:` option and a page that is not an article (issue 13). */
const page = (dir: string, name: string) =>
  readFileSync(new URL(`../../fixtures/${dir}/${name}`, import.meta.url), 'utf8');

let pages: ArticleServer;
let h: DiscordHarness;
const asked: Array<BriefRequestOptions | undefined> = [];

beforeAll(async () => {
  pages = await startArticleServer({
    '/harbor': { body: page('discord', 'harbor-article.html'), headers: { 'content-type': 'text/html' } },
    '/world': { body: page('ingest', 'listing-page.html'), headers: { 'content-type': 'text/html' } },
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
  h = await startDiscordHarness({}, { service, env: allow });
});
afterAll(async () => {
  await h?.close();
  await pages?.close();
});

const isOriginalEdit = (p: InteractionPayload) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/${p.token}/messages/%40original`);

describe('/brief on Discord', () => {
  it('briefs at the length chosen, standard without one', async () => {
    const short = h.fake.chatInput('brief', { url: pages.url('/harbor'), length: 'short' });
    h.fake.dispatchInteraction(short);
    const edit = await h.fake.waitFor(isOriginalEdit(short));
    expect(edit.body.embeds?.length).toBe(1);
    expect(asked.at(-1)).toMatchObject({ length: 'short', articlesOnly: true });

    const plain = h.fake.chatInput('brief', { url: pages.url('/harbor') });
    h.fake.dispatchInteraction(plain);
    await h.fake.waitFor(isOriginalEdit(plain));
    expect(asked.at(-1)?.length).toBeUndefined();
  });

  it('answers a page that is not an article instead of briefing it', async () => {
    const p = h.fake.chatInput('brief', { url: pages.url('/world') });
    h.fake.dispatchInteraction(p);
    const edit = await h.fake.waitFor(isOriginalEdit(p));
    expect(edit.body.content).toContain('This page does not look like an article');
    expect(NOT_AN_ARTICLE_TEXT).toMatch(/^This page does not look like an article/);
    expect(edit.body.embeds).toEqual([]);
    expect(h.fake.requests.some((r) => r.path.endsWith('/threads') && r.at > edit.at)).toBe(false);
  });
});
