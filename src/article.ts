import type { Extraction } from './brief.js';

/**
 * An article after ingest: clean text plus what the page said about itself. Every engine works
 * from this, whatever the input was (URL, HTML, file, pasted text, feed item).
 */
export interface Article {
  /** Title from the page's metadata or first heading; null for untitled text. */
  title: string | null;
  /** Paragraphs of clean text in reading order (no navigation, scripts, hidden or zero-width text). */
  paragraphs: string[];
  /** The canonical URL after redirects, or null for text and files. */
  url: string | null;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
  /** The page's declared language (html lang), when it has one; the engine still detects. */
  declaredLanguage: string | null;
  extraction: Extraction;
}

/** The article text as the engines and quote checks see it: paragraphs separated by blank lines. */
export function articleText(article: Pick<Article, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n');
}
