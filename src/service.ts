import type { Article } from './article.js';
import type { Brief } from './brief.js';
import type { Config } from './config.js';
import type { Engine } from './engines/engine.js';
import { BriefError } from './errors.js';
import { ingestHtml, ingestText, ingestUrl, type Resolver } from './ingest/index.js';
import type { Logger } from './logger.js';

/** What a user hands us: a link, pasted text, or a page's HTML (files are read by the CLI). */
export type BriefInput =
  | { kind: 'url'; url: string }
  | { kind: 'text'; text: string }
  | { kind: 'html'; html: string; url?: string | null };

export type EngineChoice = Config['engine'];

export interface BriefRequestOptions {
  signal?: AbortSignal;
  /** Overrides the configured engine for this request (the CLI's --engine). */
  engine?: EngineChoice;
  /** Who asked ("cli", "slack:T1/C2", "discord:G1/C2"): for logs and usage accounting. */
  caller?: string;
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
}

/** The application layer every adapter calls: ingest, pick an engine, brief. */
export function createBriefService(deps: BriefServiceDeps): BriefService {
  const { config, engines, logger } = deps;

  const ingest = async (input: BriefInput, signal?: AbortSignal): Promise<Article> => {
    switch (input.kind) {
      case 'url':
        return ingestUrl(input.url, { policy: config.fetch, resolve: deps.resolve, logger }, signal);
      case 'html':
        return ingestHtml(input.html, input.url ?? null);
      case 'text':
        return ingestText(input.text);
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

  const briefArticle = async (article: Article, options: BriefRequestOptions = {}): Promise<Brief> => {
    const engine = pickEngine(options.engine ?? config.engine);
    const started = performance.now();
    const brief = await engine.brief(article, { signal: options.signal });
    logger.debug('brief made', {
      engine: brief.engine.name,
      words: brief.stats.words,
      status: brief.extraction.status,
      ms: Math.round(performance.now() - started),
    });
    return brief;
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
