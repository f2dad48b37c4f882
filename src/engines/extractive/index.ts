import type { Article } from '../../article.js';
import type { Brief } from '../../brief.js';
import type { BriefOptions, Engine } from '../engine.js';
import type { ExtractiveOptions } from './summarize.js';
import { briefArticle } from './summarize.js';

export type { ExtractiveOptions } from './summarize.js';
export { analyze, briefArticle, summarize } from './summarize.js';

/** The offline engine: extractive, deterministic, a few milliseconds per article. */
export function createExtractiveEngine(options: ExtractiveOptions = {}): Engine {
  return {
    name: 'extractive',
    async brief(article: Article, briefOptions?: BriefOptions): Promise<Brief> {
      briefOptions?.signal?.throwIfAborted();
      return briefArticle(article, { ...options, length: briefOptions?.length });
    },
  };
}
