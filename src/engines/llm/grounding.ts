import type { KeyFact } from '../../brief.js';
import { contentTerms } from '../../text/tokens.js';
import { claimIndex, unsupportedClaims, type ClaimCheckOptions } from './claims.js';
import type { ModelOutput } from './output.js';
import { findQuote, quoteIndex } from './quote-match.js';

/**
 * Grounding: nothing the model wrote reaches a user unless the article backs it. Pure; the engine
 * decides what to do with the result (use it, or fall back when too little survives).
 */

/** A quote shorter than this backs nothing ("the", "he said"). */
export const MIN_QUOTE_WORDS = 3;

export type DropReason =
  'quote_not_found' | 'quote_too_short' | 'duplicate_quote' | 'unsupported_claim' | 'repeats_summary';

/** A fact whose content words are this much inside one summary sentence only repeats it. */
export const MAX_SUMMARY_CONTAINMENT = 0.8;

export interface Drop {
  item: 'fact' | 'summary' | 'headline';
  index: number;
  reason: DropReason;
  /** The unsupported numbers or names, for logs. */
  detail?: string[];
}

export interface GroundedOutput {
  /** null when the model's headline made an unsupported claim: the caller uses its own. */
  headline: string | null;
  summary: string[];
  /** Quotes are the article's own verbatim spans, not the model's retyping. */
  keyFacts: KeyFact[];
  kept: number;
  dropped: number;
  summaryDropped: number;
  drops: Drop[];
}

export type GroundingOptions = ClaimCheckOptions;

export function groundOutput(
  output: ModelOutput,
  article: string,
  options: GroundingOptions,
): GroundedOutput {
  const quotes = quoteIndex(article);
  const claims = claimIndex(article);
  const drops: Drop[] = [];

  const headlineClaims = unsupportedClaims(output.headline, claims, options);
  if (headlineClaims.length > 0) {
    drops.push({ item: 'headline', index: 0, reason: 'unsupported_claim', detail: headlineClaims });
  }

  const summary: string[] = [];
  output.summary.forEach((sentence, index) => {
    const bad = unsupportedClaims(sentence, claims, options);
    if (bad.length > 0) drops.push({ item: 'summary', index, reason: 'unsupported_claim', detail: bad });
    else summary.push(sentence.trim());
  });

  const keyFacts: KeyFact[] = [];
  const usedStarts = new Set<number>();
  output.keyFacts.forEach((fact, index) => {
    const drop = (reason: DropReason, detail?: string[]) =>
      drops.push({ item: 'fact', index, reason, detail });
    const match = findQuote(quotes, fact.quote);
    if (!match) return drop('quote_not_found');
    if (match.text.split(/\s+/).filter(Boolean).length < MIN_QUOTE_WORDS) return drop('quote_too_short');
    if (usedStarts.has(match.start)) return drop('duplicate_quote');
    const bad = unsupportedClaims(fact.text, claims, options);
    if (bad.length > 0) return drop('unsupported_claim', bad);
    // The Brief's contract: facts add to the summary, they do not say it again.
    if (summary.some((sentence) => containment(fact.text, sentence) >= MAX_SUMMARY_CONTAINMENT)) {
      return drop('repeats_summary');
    }
    usedStarts.add(match.start);
    keyFacts.push({ text: fact.text.trim(), quote: match.text });
  });

  return {
    headline: headlineClaims.length > 0 ? null : output.headline.trim(),
    summary,
    keyFacts,
    kept: keyFacts.length,
    dropped: output.keyFacts.length - keyFacts.length,
    summaryDropped: output.summary.length - summary.length,
    drops,
  };
}

/** Share of `a`'s content terms (stemmed, no stopwords) that `b` also has; 0 when `a` has none. */
function containment(a: string, b: string): number {
  const terms = new Set(contentTerms(a));
  if (terms.size === 0) return 0;
  const other = new Set(contentTerms(b));
  let shared = 0;
  for (const t of terms) if (other.has(t)) shared += 1;
  return shared / terms.size;
}

/** Enough survived to be worth showing instead of the extractive brief. */
export function isSufficient(grounded: GroundedOutput, minFacts: number): boolean {
  return grounded.summary.length > 0 && grounded.keyFacts.length >= minFacts;
}
