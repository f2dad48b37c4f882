import { Readability } from '@mozilla/readability';
import type { Article } from '../article.js';
import type { Removed } from './boilerplate.js';
import { cleanDocument, removeCode } from './clean-dom.js';
import { parseDocument, type DomDocument, type DomElement } from './dom.js';
import { readMetadata } from './metadata.js';
import { cleanInline } from './normalize.js';
import { collectParagraphs, type Block } from './paragraphs.js';
import { pickExtraction } from './pick-extraction.js';
import { isWallPrompt, judgeExtraction } from './verdict.js';

/**
 * HTML to Article: metadata first (cleaning removes <head> and headers), then wall markers from
 * the raw text, then cleaning, then Readability over linkedom for the main text, with a density
 * method over the cleaned body as the fallback when Readability finds nothing or far less than
 * the page holds (pick-extraction.ts), then boilerplate lines out (boilerplate.ts).
 */

// Wall markers are searched in at most this much text: enough for any overlay, bounded for regexes.
const MARKER_CHARS = 200_000;
// Readability's cost grows steeply with nesting depth over linkedom (depth 1,000 took seconds)
// and linearly with elements; real articles sit far below both. Beyond them the cleaned body is
// used, so a hostile page cannot hold the event loop for long.
const READABILITY_MAX_DEPTH = 120;
const READABILITY_MAX_ELEMENTS = 20_000;
// Readability scores every paragraph's ancestors: on a 5 MiB page of 16,000 paragraphs (under the
// element cap) it took 3.3 s of the extraction's 7.9. A page with more text than this (about 170,000
// words, fifty long features) is a book, a transcript or a dump rather than one article; the density
// method, linear in the blocks, reads it instead.
const READABILITY_MAX_TEXT_CHARS = 1_000_000;

function depthExceeds(root: DomElement, limit: number): boolean {
  const stack: Array<[DomElement, number]> = [[root, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [el, depth] = item;
    if (depth > limit) return true;
    for (const child of el.children) stack.push([child, depth + 1]);
  }
  return false;
}

function readable(document: DomDocument): Block[] | null {
  // Counted here: Readability's own maxElemsToParse uses getElementsByTagName('*'), which
  // linkedom answers with an empty list.
  if (document.querySelectorAll('*').length > READABILITY_MAX_ELEMENTS) return null;
  if (depthExceeds(document.documentElement, READABILITY_MAX_DEPTH)) return null;
  let result: ReturnType<Readability['parse']>;
  try {
    // Readability's typings name DOM's Document, which is `any` here (no lib "dom"); linkedom's works.
    result = new Readability(document).parse();
  } catch {
    // Exotic markup can trip Readability; the cleaned body is still there to read.
    return null;
  }
  if (!result?.content) return null;
  const body = parseDocument(result.content).body;
  return body ? collectParagraphs(body).blocks : null;
}

const loose = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function withoutEcho(paragraphs: string[], title: string | null, byline: string | null): string[] {
  const echoes = new Set(
    [title, byline, byline ? `by ${byline}` : null].filter(Boolean).map((s) => loose(s ?? '')),
  );
  return paragraphs.filter((p, i) => !(i < 3 && echoes.has(loose(p))));
}

/** `removed`, when given, receives the boilerplate lines dropped from the text (bench, tests). */
export function extractHtml(html: string, pageUrl: string | null, removed?: Removed[]): Article {
  const url = pageUrl && URL.canParse(pageUrl) ? new URL(pageUrl) : null;
  const document = parseDocument(html);
  const meta = readMetadata(document, url, html);
  removeCode(document);
  const pageTitle = document.querySelector('title')?.textContent ?? '';
  const markerText = `${pageTitle}\n${document.body?.textContent ?? ''}`.slice(0, MARKER_CHARS);
  cleanDocument(document);
  // Read before Readability runs: it rearranges the document it is given.
  const bodyBlocks = document.body ? collectParagraphs(document.body).blocks : [];
  let bodyChars = 0;
  for (const block of bodyBlocks) bodyChars += block.text.length;
  const main = bodyChars > READABILITY_MAX_TEXT_CHARS ? null : readable(document);
  const picked = pickExtraction(main, bodyBlocks);
  removed?.push(...picked.removed);

  const title = meta.title ?? (cleanInline(document.querySelector('h1')?.textContent ?? '') || null);
  const texts = picked.blocks.map((b) => b.text);
  // Wall prompts stay in markerText for the verdict but are not article text to quote.
  const paragraphs = withoutEcho(texts, title, meta.byline).filter((p) => !isWallPrompt(p));
  const verdict = judgeExtraction({
    paragraphs,
    source: 'web',
    markerText,
    paywallMarkup: meta.paywallMarkup,
    linkDensity: picked.indexLinkDensity,
    linkBlocks: picked.indexBlocks,
  });
  const note = [verdict.note, picked.note].filter(Boolean).join(' ');
  const extraction = note ? { ...verdict, note } : verdict;
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
