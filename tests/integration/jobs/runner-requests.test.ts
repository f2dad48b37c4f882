import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import type { Deliverer, Notice } from '../../../src/jobs/deliverer.js';
import { createJobRunner, type JobRunner } from '../../../src/jobs/runner.js';
import type { BriefJob, SlackTarget } from '../../../src/jobs/types.js';
import { silentLogger } from '../../../src/logger.js';
import { BLOCKED_PAGE_TEXT, NOT_AN_ARTICLE_TEXT } from '../../../src/render/notices.js';
import { createBriefService } from '../../../src/service.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { summitPage } from '../../helpers/slack-pages.js';

/**
 * What a job asks of the brief on every platform: the length the user chose, and no junk brief of
 * a page that is not an article. The real service and engine; a platform that records.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const target: SlackTarget = { platform: 'slack', teamId: 'T1', channel: 'C1', user: 'U1', receivedAt: 0 };

let pages: ArticleServer;
let runner: JobRunner;
let sent: Array<{ brief: Brief } | { notice: Notice }>;

beforeAll(async () => {
  pages = await startArticleServer({
    '/summit': summitPage(),
    '/world': { body: fixture('listing-page.html'), headers: { 'content-type': 'text/html' } },
    '/check': { body: fixture('bot-check.html'), headers: { 'content-type': 'text/html' } },
  });
  const config = loadConfig({
    BRIEF_ENGINE: 'extractive',
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${pages.port}`,
  });
  const service = createBriefService({
    config,
    engines: { extractive: createExtractiveEngine() },
    logger: silentLogger,
  });
  const deliverer: Deliverer<SlackTarget> = {
    publisher: {
      postParent: () => Promise.reject(new Error('not in this test')),
      postStory: () => Promise.reject(new Error('not in this test')),
    },
    cannotPost: () => false,
    transient: () => false,
    open: () => ({
      async brief(brief) {
        sent.push({ brief });
        return { status: 'delivered', via: 'channel' };
      },
      async notice(notice) {
        sent.push({ notice });
        return true;
      },
    }),
  };
  runner = createJobRunner({ service, digest: null, logger: silentLogger, deliverers: { slack: deliverer } });
});
afterAll(() => pages?.close());

const job = (paths: string[], extra: Partial<BriefJob> = {}): BriefJob => ({
  kind: 'brief',
  inputs: paths.map((path) => ({ kind: 'url', url: pages.url(path) })),
  caller: 'slack:T1/C1',
  target,
  ...extra,
});

describe('a brief job', () => {
  it('briefs at the length the job carries, standard without one', async () => {
    sent = [];
    await runner.run(job(['/summit'], { length: 'short' }), { id: 'len-1' });
    await runner.run(job(['/summit']), { id: 'len-2' });
    expect(sent.map((s) => ('brief' in s ? s.brief.length : s.notice.kind))).toEqual(['short', 'standard']);
  });

  it('answers a section front or a bot check with a notice instead of a brief, and goes on', async () => {
    sent = [];
    await runner.run(job(['/world', '/check', '/summit']), { id: 'not-article' });
    expect(sent[0]).toEqual({ notice: { kind: 'error', message: NOT_AN_ARTICLE_TEXT } });
    expect(sent[1]).toEqual({ notice: { kind: 'error', message: BLOCKED_PAGE_TEXT } });
    expect(sent[2] && 'brief' in sent[2]).toBe(true);
    expect(sent).toHaveLength(3);
  });
});
