import type { Article } from '../article.js';
import { BriefError } from '../errors.js';
import type { Logger } from '../logger.js';
import { extractHtml } from './extract-html.js';
import { ingestBytes } from './file-input.js';
import { safeFetch, type FetchPolicy, type Resolver } from './safe-fetch.js';
import { looksLikeHtml } from './sniff.js';
import { textToArticle, type TextOptions } from './text-input.js';
import { parseUserUrl } from './url-policy.js';

/**
 * Ingest: every kind of input becomes an Article (clean paragraphs + metadata + a verdict).
 * Failures a user can cause are BriefErrors (see src/errors.ts for the codes).
 */
export type {
  FetchedPage,
  FetchOptions,
  FetchPolicy,
  Resolver,
  ResolvedAddress,
  SafeFetchDeps,
} from './safe-fetch.js';
export { safeFetch, systemResolver } from './safe-fetch.js';
export {
  ingestBytes,
  ingestFile,
  ingestStream,
  readCapped,
  type ByteHint,
  type InputLimits,
} from './file-input.js';
export type { TextFormat, TextOptions } from './text-input.js';
export { checkUrl, parseUserUrl } from './url-policy.js';
export { classifyAddress, isPublicAddress } from './address-policy.js';

export interface IngestDeps {
  policy: FetchPolicy;
  /** DNS resolver; default: node:dns lookup with {all: true}. Tests inject answers. */
  resolve?: Resolver;
  /** Where refused addresses and network errors are logged (never shown to users). */
  logger?: Logger;
}

/** Fetches a URL safely (see safe-fetch.ts) and extracts the article. */
export async function ingestUrl(url: string, deps: IngestDeps, signal?: AbortSignal): Promise<Article> {
  const page = await safeFetch(url, deps, signal);
  if (page.body.length === 0) {
    throw new BriefError(
      'no_content',
      'That page is empty: there is no article text to brief. Check the link.',
    );
  }
  const article = ingestBytes(page.body, { contentType: page.contentType, url: page.url });
  if (article.url !== null) return article;
  // A text/plain page: the text path knows nothing of URLs.
  const host = new URL(page.url).hostname.replace(/^www\./, '');
  return { ...article, url: page.url, siteName: article.siteName ?? host };
}

/** HTML already in hand (a saved page, a feed item's content); `url` is the page's address if known. */
export function ingestHtml(html: string, url: string | null): Article {
  return extractHtml(html, url);
}

/**
 * Text that came from a known page (a line of a scraped archive or a dataset): the text is the
 * article, the page only its source. Nothing is fetched; the URL must be an http(s) address.
 */
export function ingestTextFrom(text: string, url: string): Article {
  const page = parseUserUrl(url);
  if (page.protocol !== 'http:' && page.protocol !== 'https:') {
    throw new BriefError('url_invalid', 'The source of a text must be an http(s) address.');
  }
  const article = ingestText(text);
  return {
    ...article,
    url: article.url ?? page.href,
    siteName: article.siteName ?? page.hostname.replace(/^www\./, ''),
  };
}

/**
 * Pasted text, .txt or .md content. A whole HTML document pasted or piped in is read as HTML,
 * since briefing its markup would be useless.
 */
export function ingestText(text: string, options: TextOptions = {}): Article {
  if (options.format === undefined && looksLikeHtml(text)) return extractHtml(text, null);
  return textToArticle(text, options);
}
