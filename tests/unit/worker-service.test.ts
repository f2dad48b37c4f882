import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isBriefError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { NOT_AN_ARTICLE_TEXT } from '../../src/render/notices.js';
import { createWorkerBriefService } from '../../src/worker-service.js';
import { startArticleServer } from '../helpers/article-server.js';
import { builtWorkerEntry } from '../helpers/built-worker.js';

const TEXT =
  'The city council voted on Tuesday to expand the tram network by 12 kilometres. ' +
  'Construction will start in 2026 and cost 300 million euros. ' +
  'The mayor said the new lines would serve 80,000 residents. ' +
  'Opposition members criticised the cost and asked for a referendum.';

const entry = await builtWorkerEntry();

describe('brief service on worker threads', () => {
  const service = createWorkerBriefService({
    config: loadConfig({ BRIEF_ENGINE: 'extractive' }),
    logger: silentLogger,
    logLevel: 'silent',
    size: 2,
    entry,
  });
  afterAll(() => service.close());

  it('warms every worker before the first brief', async () => {
    const warm = await service.warm();
    expect(warm.workers).toBe(2);
    expect(warm.ms).toHaveLength(2);
    // Each worker answered after loading its modules and briefing the built-in page.
    for (const ms of warm.ms) expect(ms).toBeGreaterThan(0);
  });

  it('briefs text off the main thread, like the in-thread service', async () => {
    const brief = await service.brief({ kind: 'text', text: TEXT });
    expect(brief.engine.name).toBe('extractive');
    expect([brief.headline, ...brief.summary].join(' ')).toMatch(/tram|council|mayor/);
  });

  it('ingests and briefs an article in two steps', async () => {
    const article = await service.ingest({ kind: 'text', text: TEXT });
    expect(article.paragraphs.join(' ')).toContain('tram network');
    const brief = await service.briefArticle(article);
    expect(brief.stats.words).toBeGreaterThan(20);
  });

  it('carries the requested length and the articles-only rule across the thread', async () => {
    expect((await service.brief({ kind: 'text', text: TEXT }, { length: 'short' })).length).toBe('short');
    const listing = readFileSync(new URL('../fixtures/ingest/listing-page.html', import.meta.url), 'utf8');
    const page = { kind: 'html' as const, html: listing, url: null };
    expect((await service.brief(page)).extraction.status).toBe('unsupported');
    const refused = await service.brief(page, { articlesOnly: true }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'not_an_article', userMessage: NOT_AN_ARTICLE_TEXT });
  });

  it('brings BriefErrors back as BriefErrors, with code and user message', async () => {
    const failure = await service.brief({ kind: 'url', url: 'ftp://example.com/x' }).catch((e: unknown) => e);
    expect(isBriefError(failure)).toBe(true);
    expect((failure as { code: string }).code).toMatch(/^url_/);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(service.brief({ kind: 'text', text: TEXT }, { signal: controller.signal })).rejects.toThrow(
      'gone',
    );
  });

  it('passes an abort on to the worker: a hanging fetch is cancelled', async () => {
    const hanging = await startArticleServer({ '/slow': { hang: true } });
    const { port } = hanging;
    // The default entry: the worker runs the sources through tsx, as under `npm run dev`.
    const local = createWorkerBriefService({
      config: loadConfig({ BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${port}`, BRIEF_FETCH_TIMEOUT_MS: '60000' }),
      logger: silentLogger,
      logLevel: 'silent',
      size: 1,
    });
    try {
      const controller = new AbortController();
      const started = performance.now();
      const pending = local.brief(
        { kind: 'url', url: `http://127.0.0.1:${port}/slow` },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 300);
      await expect(pending).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await local.close();
      await hanging.close();
    }
  });

  it('handles many requests at once across workers', async () => {
    const briefs = await Promise.all(
      Array.from({ length: 8 }, () => service.brief({ kind: 'text', text: TEXT })),
    );
    expect(new Set(briefs.map((b) => b.headline)).size).toBe(1);
  });
});
