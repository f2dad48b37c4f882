import { normalize, normalizeWithMap, type NormalizedText } from './normalize.js';

/** Quote marks and spacing a model puts around a quote are not part of it. */
const WRAPPER = /^[\s"'\u2018\u2019\u201c\u201d\u00ab\u00bb]+|[\s"'\u2018\u2019\u201c\u201d\u00ab\u00bb]+$/gu;

export interface QuoteMatch {
  /** The article's own text for the quote: a verbatim span, article.slice(start, end). */
  text: string;
  start: number;
  end: number;
}

/** An article prepared once for many quote lookups. */
export interface QuoteIndex {
  readonly source: string;
  readonly normalized: NormalizedText;
}

export function quoteIndex(article: string): QuoteIndex {
  return { source: article, normalized: normalizeWithMap(article) };
}

/**
 * Finds a model's quote in the article after normalising whitespace, quote marks, dashes and
 * case, and maps it back to the original span. Null when the quote is not in the article.
 */
export function findQuote(index: QuoteIndex, quote: string): QuoteMatch | null {
  // As given first: the article's own opening quote mark may be part of it.
  return locate(index, normalize(quote)) ?? locate(index, normalize(quote.replace(WRAPPER, '')));
}

function locate(index: QuoteIndex, needle: string): QuoteMatch | null {
  if (!needle) return null;
  const { text, origin } = index.normalized;
  let at = text.indexOf(needle);
  // A match must start and end on word edges: "ten" is not a quote of "often".
  while (at !== -1 && !onWordEdges(text, at, at + needle.length)) at = text.indexOf(needle, at + 1);
  if (at === -1) return null;
  const start = origin[at]!;
  const lastOrigin = origin[at + needle.length - 1]!;
  // The last normalised unit may come from a surrogate pair or a multi-unit character.
  const end = lastOrigin + (index.source.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
  return { text: index.source.slice(start, end), start, end };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function onWordEdges(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  const first = text[start] ?? '';
  const last = text[end - 1] ?? '';
  if (before !== undefined && WORD_CHAR.test(before) && WORD_CHAR.test(first)) return false;
  if (after !== undefined && WORD_CHAR.test(after) && WORD_CHAR.test(last)) return false;
  return true;
}
