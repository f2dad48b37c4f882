import type { Article } from './article.js';
import { DEFAULT_BRIEF_LENGTH, type Brief, type BriefLength, type FallbackCode } from './brief.js';
import { cacheKeyOf, type CacheKey } from './cache-key.js';
import type { Config } from './config.js';
import type { Engine } from './engines/engine.js';
import { fallbackNote, isLlmFailure } from './engines/llm/failure.js';
import { BriefError } from './errors.js';
import { BLOCKED_PAGE_TEXT, NOT_AN_ARTICLE_TEXT } from './render/notices.js';
import { createInflight, WaiterAborted } from './inflight.js';
import { ingestHtml, ingestText, ingestTextFrom, ingestUrl, type Resolver } from './ingest/index.js';
import type { Logger } from './logger.js';
import { noopMetrics, type Metrics } from './metrics/metrics.js';
import type { Store } from './store/store.js';

const PRUNE_EVERY = 500;

/** What a user hands us: a link, pasted text, or a page's HTML (files are read by the CLI). */
export type BriefInput =
  | { kind: 'url'; url: string }
  /** `url`: where the text came from (a dataset line); it is the brief's source, never fetched. */
  | { kind: 'text'; text: string; url?: string | null }
  | { kind: 'html'; html: string; url?: string | null };

export type EngineChoice = Config['engine'];

export interface BriefRequestOptions {
  signal?: AbortSignal;
  /** Overrides the configured engine for this request (the CLI's --engine). */
  engine?: EngineChoice;
  /** Who asked ("cli", "slack:T1/C2", "discord:G1/C2"): for logs and usage accounting. */
  caller?: string;
  /** The length asked for (default standard): handed to the engine, part of the cache key. */
  length?: BriefLength;
  /**
   * Refuse, before any engine runs, a page whose brief would be junk: one that is not an article
   * (ingest's verdict `unsupported`: an index or section page; BriefError `not_an_article`) or a
   * bot check instead of the article (`blocked`; BriefError `page_blocked`). A paywall teaser
   * (`paywalled`) is still briefed, and says so. The chat platforms always ask for this; the CLI
   * unless --force.
   */
  articlesOnly?: boolean;
  /**
   * ISO 639 code the LLM writes in for this request (a workspace's default) instead of
   * BRIEF_LANGUAGE; null = the article's own language. The extractive engine quotes the article
   * and ignores it.
   */
  language?: string | null;
}

export interface BriefService {
  brief(input: BriefInput, options?: BriefRequestOptions): Promise<Brief>;
  /** Ingest only: used by adapters that need the article before briefing (e.g. the digest). */
  ingest(input: BriefInput, signal?: AbortSignal): Promise<Article>;
  /** Briefs an article that was already ingested (a file read by the CLI, a feed item). */
  briefArticle(article: Article, options?: BriefRequestOptions): Promise<Brief>;
}

export interface BriefServiceDeps {
  config: Config;
  engines: { extractive: Engine; llm?: Engine };
  logger: Logger;
  /** DNS resolver for the safe fetcher; tests inject answers, production uses the system's. */
  resolve?: Resolver;
  /** Brief cache and usage ledger; without one nothing is cached across requests or recorded. */
  store?: Store;
  /** Unix ms; tests move time. */
  now?: () => number;
  /** LLM tokens and fallbacks, counted where they happen (on a worker thread: forwarded). */
  metrics?: Metrics;
}

/**
 * The application layer every adapter calls: ingest, pick an engine, brief. Engines with a
 * fingerprint (the LLM) go through the cache and the in-flight table, and any failure of theirs
 * ends in the extractive brief with the reason attached: a user always gets a brief.
 */
export function createBriefService(deps: BriefServiceDeps): BriefService {
  const { config, engines, logger, store } = deps;
  const now = deps.now ?? Date.now;
  const metrics = deps.metrics ?? noopMetrics;
  const inflight = createInflight<Brief>();
  const cacheConfig = config.store;
  let puts = 0;

  /**
   * The cache and the ledger are bookkeeping: when the database fails (a PostgreSQL failover, a
   * locked file), the user still gets the brief, and the failure is logged.
   */
  const bookkeeping = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (err) {
      logger.warn('store unavailable; the brief goes on without it', { what, err });
      return undefined;
    }
  };
  if (store) void bookkeeping('prune the brief cache', () => store.pruneBriefs(now()));

  const ingest = async (input: BriefInput, signal?: AbortSignal): Promise<Article> => {
    switch (input.kind) {
      case 'url':
        return ingestUrl(input.url, { policy: config.fetch, resolve: deps.resolve, logger }, signal);
      case 'html':
        return ingestHtml(input.html, input.url ?? null);
      case 'text':
        return input.url ? ingestTextFrom(input.text, input.url) : ingestText(input.text);
    }
  };

  const pickEngine = (choice: EngineChoice): Engine => {
    if (choice === 'extractive') return engines.extractive;
    if (choice === 'llm') {
      if (!engines.llm) {
        throw new BriefError(
          'not_configured',
          'The LLM engine is not configured. Set OPENAI_API_KEY (and OPENAI_BASE_URL for a local model), or use --engine extractive.',
        );
      }
      return engines.llm;
    }
    return engines.llm ?? engines.extractive;
  };

  const fallback = async (article: Article, code: FallbackCode, length: BriefLength): Promise<Brief> => {
    metrics.llmFallback(code);
    const brief = await engines.extractive.brief(article, { length });
    return { ...brief, engine: { ...brief.engine, fallbackReason: fallbackNote(code), fallbackCode: code } };
  };

  /** The engine's brief, or the extractive one when the engine fails; caches both (failures briefly). */
  const produce = async (
    engine: Engine,
    article: Article,
    key: CacheKey,
    caller: string,
    length: BriefLength,
    signal: AbortSignal,
    language: string | null | undefined,
  ): Promise<Brief> => {
    const started = performance.now();
    let brief: Brief;
    let failed: FallbackCode | null = null;
    // Awaited before the brief is returned, so a finished brief's tokens are in the ledger.
    const usageWrites: Array<Promise<unknown>> = [];
    try {
      brief = await engine.brief(article, {
        signal,
        length,
        ...(language !== undefined ? { language } : {}),
        onUsage: (u) => {
          metrics.llmTokens(u.promptTokens, u.completionTokens);
          if (store)
            usageWrites.push(
              bookkeeping('record usage', () => store.recordUsage({ ...u, at: now(), caller, kind: 'call' })),
            );
        },
      });
    } catch (err) {
      if (err instanceof BriefError) throw err;
      failed = isLlmFailure(err) ? err.code : 'internal';
      // LlmFailures are the endpoint's or the model's doing; anything else is our bug.
      if (isLlmFailure(err))
        logger.warn('llm engine failed; falling back', { code: err.code, detail: err.message });
      else logger.error('llm engine crashed; falling back', { err });
      brief = await fallback(article, failed, length);
    }
    await Promise.all(usageWrites);
    const ttl =
      failed === null ? cacheConfig.cacheTtlMs : failed === 'aborted' ? 0 : cacheConfig.failureTtlMs;
    if (store && ttl > 0) {
      const at = now();
      await bookkeeping('cache the brief', () =>
        store.putBrief({ ...key, brief, fallback: failed !== null, createdAt: at, expiresAt: at + ttl }),
      );
      // Reads skip expired entries; a long-running bot also deletes them now and then.
      if (++puts % PRUNE_EVERY === 0) void bookkeeping('prune the brief cache', () => store.pruneBriefs(at));
    }
    logger.debug('brief made', {
      engine: brief.engine.name,
      fallback: failed ?? undefined,
      caller,
      ms: Math.round(performance.now() - started),
    });
    return brief;
  };

  const recordSaved = async (caller: string, brief: Brief) => {
    if (!store) return;
    await bookkeeping('record a cache hit', () =>
      store.recordUsage({
        at: now(),
        caller,
        model: brief.engine.model ?? '-',
        kind: 'cache_hit',
        promptTokens: 0,
        completionTokens: 0,
      }),
    );
  };

  const briefArticle = async (article: Article, options: BriefRequestOptions = {}): Promise<Brief> => {
    const brief = await briefOf(article, options);
    // Every brief made for a caller, whatever the engine: a workspace's "briefs this month".
    if (store && options.caller)
      await bookkeeping('count the brief', () => store.recordBrief(options.caller!, now()));
    return brief;
  };

  const briefOf = async (article: Article, options: BriefRequestOptions): Promise<Brief> => {
    const engine = pickEngine(options.engine ?? config.engine);
    if (options.articlesOnly) refuseNonArticle(article);
    const length = options.length ?? DEFAULT_BRIEF_LENGTH;
    if (!engine.fingerprint) {
      const started = performance.now();
      const brief = await engine.brief(article, { signal: options.signal, length });
      logger.debug('brief made', {
        engine: brief.engine.name,
        words: brief.stats.words,
        status: brief.extraction.status,
        ms: Math.round(performance.now() - started),
      });
      return brief;
    }
    const caller = options.caller ?? 'unknown';
    const { language } = options;
    // Another output language is another brief: it has its own cache entry.
    const fingerprint =
      language !== undefined && engine.fingerprintFor
        ? engine.fingerprintFor({ language })
        : engine.fingerprint;
    const key = cacheKeyOf(article, fingerprint, length);
    const cached = store
      ? await bookkeeping('read the brief cache', () => store.getBrief(key.key, now()))
      : null;
    if (cached) {
      await recordSaved(caller, cached);
      logger.debug('brief from cache', { caller, engine: cached.engine.name });
      return cached;
    }
    // Joining a call already in flight saves a call just like a cache hit.
    const joining = inflight.has(key.key);
    try {
      const brief = await inflight.run(
        key.key,
        (signal) => produce(engine, article, key, caller, length, signal, language),
        options.signal,
      );
      if (joining) await recordSaved(caller, brief);
      return brief;
    } catch (err) {
      // This caller's deadline passed: it still gets a brief it can post in time.
      if (err instanceof WaiterAborted) return fallback(article, 'aborted', length);
      throw err;
    }
  };

  return {
    ingest,
    briefArticle,
    async brief(input, options = {}) {
      // Pick first: a misconfigured engine is reported before we spend a fetch on the article.
      pickEngine(options.engine ?? config.engine);
      return briefArticle(await ingest(input, options.signal), options);
    },
  };
}

/** An index page or a bot check would give a junk brief: say so instead (src/render/notices.ts). */
function refuseNonArticle(article: Article): void {
  if (article.extraction.status === 'unsupported')
    throw new BriefError('not_an_article', NOT_AN_ARTICLE_TEXT);
  if (article.extraction.status === 'blocked') throw new BriefError('page_blocked', BLOCKED_PAGE_TEXT);
}
