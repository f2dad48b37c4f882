import { createHash } from 'node:crypto';
import { articleText, type Article } from './article.js';
import type { BriefLength } from './brief.js';

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
 * language) + the length asked for: a short and a detailed brief of one article are two entries.
 * Pasted text has no URL and is keyed by content alone. The stored fingerprint names the length
 * too (`llm|gpt-4.1-mini|brief.v2|auto|in1500|short`), so a cache row says what it holds.
 */
export function cacheKeyOf(
  article: Pick<Article, 'title' | 'paragraphs' | 'url'>,
  engineFingerprint: string,
  length: BriefLength,
): CacheKey {
  const hash = contentHash(article);
  const fingerprint = `${engineFingerprint}|${length}`;
  const key = createHash('sha256')
    .update(JSON.stringify([article.url, hash, fingerprint]))
    .digest('hex');
  return { key, url: article.url, contentHash: hash, fingerprint };
}
