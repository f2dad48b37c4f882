import type { KeyFact } from '../brief.js';

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of a quote's words the fact may leave out ("However,", "police said") and still repeat it. */
const MAX_EXTRA_SHARE = 0.2;

/**
 * True when the quote says nothing the fact's text does not. The extractive engine's facts are the
 * quoted sentence lightly trimmed; printing both makes a reader read everything twice, so surfaces
 * show the fact alone (the JSON keeps the quote) and both when the quote adds something.
 */
export function quoteRepeatsFact(fact: KeyFact): boolean {
  const factWords = words(fact.text);
  const quoteWords = words(fact.quote);
  const inQuote = new Set(quoteWords);
  const inFact = new Set(factWords);
  if (factWords.some((w) => !inQuote.has(w))) return false;
  return quoteWords.filter((w) => !inFact.has(w)).length <= MAX_EXTRA_SHARE * quoteWords.length;
}
