import { createHash } from 'node:crypto';
import { articleText, type Article } from './article.js';

export interface CacheKey {
  key: string;
  url: string | null;
  contentHash: string;
  fingerprint: string;
}

/** Title and text: what the engine sees. An edited article is a new key even at the same URL. */
export function contentHash(article: Pick<Article, 'title' | 'paragraphs'>): string {
  return createHash('sha256')
    .update(article.title ?? '')
    .update('\0')
    .update(articleText(article))
    .digest('hex');
}

/**
 * Canonical URL + content hash + the engine's fingerprint (engine, model, prompt version,
 * language). Pasted text has no URL and is keyed by content alone.
 */
export function cacheKeyOf(
  article: Pick<Article, 'title' | 'paragraphs' | 'url'>,
  fingerprint: string,
): CacheKey {
  const hash = contentHash(article);
  const key = createHash('sha256')
    .update(JSON.stringify([article.url, hash, fingerprint]))
    .digest('hex');
  return { key, url: article.url, contentHash: hash, fingerprint };
}
