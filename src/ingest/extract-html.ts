import { Readability } from '@mozilla/readability';
import type { Article } from '../article.js';
import { cleanDocument, removeCode } from './clean-dom.js';
import { parseDocument, type DomDocument } from './dom.js';
import { readMetadata } from './metadata.js';
import { cleanInline, totalWords } from './normalize.js';
import { collectParagraphs, type Paragraphs } from './paragraphs.js';
import { isWallPrompt, judgeExtraction, NO_CONTENT_WORDS, THIN_WORDS } from './verdict.js';

/**
 * HTML to Article: metadata first (cleaning removes <head> and headers), then wall markers from
 * the raw text, then cleaning, then Readability over linkedom for the main text, with the cleaned
 * body as a fallback when Readability finds nothing or far less than the page holds.
 */

// Wall markers are searched in at most this much text: enough for any overlay, bounded for regexes.
const MARKER_CHARS = 200_000;

function readable(document: DomDocument): Paragraphs | null {
  let result: ReturnType<Readability['parse']>;
  try {
    // Readability's typings name DOM's Document, which is `any` here (no lib "dom"); linkedom's works.
    result = new Readability(document).parse();
  } catch {
    // Hostile or exotic markup can trip Readability; the cleaned body is still there to read.
    return null;
  }
  if (!result?.content) return null;
  const body = parseDocument(result.content).body;
  return body ? collectParagraphs(body) : null;
}

const loose = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function withoutEcho(paragraphs: string[], title: string | null, byline: string | null): string[] {
  const echoes = new Set(
    [title, byline, byline ? `by ${byline}` : null].filter(Boolean).map((s) => loose(s ?? '')),
  );
  return paragraphs.filter((p, i) => !(i < 3 && echoes.has(loose(p))));
}

export function extractHtml(html: string, pageUrl: string | null): Article {
  const url = pageUrl && URL.canParse(pageUrl) ? new URL(pageUrl) : null;
  const document = parseDocument(html);
  const meta = readMetadata(document, url, html);
  removeCode(document);
  const pageTitle = document.querySelector('title')?.textContent ?? '';
  const markerText = `${pageTitle}\n${document.body?.textContent ?? ''}`.slice(0, MARKER_CHARS);
  cleanDocument(document);
  const fallback = document.body
    ? collectParagraphs(document.body)
    : { paragraphs: [], chars: 0, linkChars: 0 };
  const main = readable(document);

  const mainWords = main ? totalWords(main.paragraphs) : 0;
  const fallbackWords = totalWords(fallback.paragraphs);
  const useMain =
    main !== null &&
    mainWords >= NO_CONTENT_WORDS &&
    !(mainWords < THIN_WORDS && fallbackWords >= 2 * mainWords);
  const chosen = useMain ? main : fallback;

  const title = meta.title ?? (cleanInline(document.querySelector('h1')?.textContent ?? '') || null);
  // Wall prompts stay in markerText for the verdict but are not article text to quote.
  const paragraphs = withoutEcho(chosen.paragraphs, title, meta.byline).filter((p) => !isWallPrompt(p));
  const extraction = judgeExtraction({
    paragraphs,
    source: 'web',
    markerText,
    paywallMarkup: meta.paywallMarkup,
    linkDensity: chosen.chars > 0 ? chosen.linkChars / chosen.chars : 0,
  });
  return {
    title,
    paragraphs,
    url: meta.canonicalUrl,
    siteName: meta.siteName,
    byline: meta.byline,
    publishedTime: meta.publishedTime,
    declaredLanguage: meta.declaredLanguage,
    extraction,
  };
}
