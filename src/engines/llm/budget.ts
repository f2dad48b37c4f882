import { decode, encode } from 'gpt-tokenizer';
import { contentTerms } from '../../text/tokens.js';

/**
 * The input budget: long articles are cut to the lead and the most informative paragraphs, in
 * their original order, so cost and latency stay bounded whatever the page. Tokens are counted with
 * gpt-tokenizer (OpenAI's o200k encoding); for other models' tokenizers it is a close estimate.
 */

export interface Selection {
  /** Indices into the article's paragraphs, ascending. */
  positions: number[];
  paragraphs: string[];
  tokensSent: number;
  tokensTotal: number;
  /** True when anything was left out or cut. */
  partial: boolean;
}

export type TokenCounter = (text: string) => number;
export const countTokens: TokenCounter = (text) => encode(text).length;

/** Paragraph separators cost about this much. */
const SEPARATOR_TOKENS = 2;
/** Share of the budget reserved for the opening paragraphs: news puts the essentials first. */
const LEAD_SHARE = 0.35;

export function selectParagraphs(
  paragraphs: string[],
  maxTokens: number,
  options: { title?: string | null; count?: TokenCounter } = {},
): Selection {
  const count = options.count ?? countTokens;
  const costs = paragraphs.map((p) => count(p) + SEPARATOR_TOKENS);
  const total = costs.reduce((a, b) => a + b, 0);
  const all = paragraphs.map((_, i) => i);
  if (total <= maxTokens) {
    return {
      positions: all,
      paragraphs: [...paragraphs],
      tokensSent: total,
      tokensTotal: total,
      partial: false,
    };
  }
  const first = paragraphs[0];
  if (first === undefined) {
    return { positions: [], paragraphs: [], tokensSent: 0, tokensTotal: 0, partial: false };
  }
  if (costs[0]! > maxTokens) {
    // One enormous paragraph (a text pasted without line breaks): keep its beginning.
    const cut = truncateToTokens(first, maxTokens - SEPARATOR_TOKENS);
    return {
      positions: [0],
      paragraphs: [cut],
      tokensSent: count(cut) + SEPARATOR_TOKENS,
      tokensTotal: total,
      partial: true,
    };
  }

  const chosen = new Set<number>([0]);
  let used = costs[0]!;
  for (let i = 1; i < paragraphs.length && used + costs[i]! <= maxTokens * LEAD_SHARE; i++) {
    chosen.add(i);
    used += costs[i]!;
  }
  const scores = informativeness(paragraphs, options.title ?? null);
  const rest = all.filter((i) => !chosen.has(i)).sort((a, b) => scores[b]! - scores[a]! || a - b);
  for (const i of rest) {
    if (used + costs[i]! <= maxTokens) {
      chosen.add(i);
      used += costs[i]!;
    }
  }
  const positions = [...chosen].sort((a, b) => a - b);
  return {
    positions,
    paragraphs: positions.map((i) => paragraphs[i]!),
    tokensSent: used,
    tokensTotal: total,
    partial: true,
  };
}

/**
 * How much of the article's substance a paragraph carries: its distinct content terms weighted by
 * how often the article uses them (topic words recur), title terms doubled, plus numbers (facts),
 * normalised by length so long paragraphs do not win by size alone.
 */
export function informativeness(paragraphs: string[], title: string | null): number[] {
  const termsOf = paragraphs.map((p) => contentTerms(p));
  const frequency = new Map<string, number>();
  for (const terms of termsOf) for (const t of terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const titleTerms = new Set(title ? contentTerms(title) : []);
  return paragraphs.map((p, i) => {
    const terms = termsOf[i]!;
    if (terms.length === 0) return 0;
    let score = 0;
    for (const t of new Set(terms)) {
      const weight = Math.log(1 + (frequency.get(t) ?? 1));
      score += titleTerms.has(t) ? 2 * weight : weight;
    }
    const numbers = new Set(p.match(/\d[\d.,]*/g) ?? []).size;
    return (score + 0.5 * Math.min(numbers, 4)) / Math.sqrt(terms.length);
  });
}

/** The beginning of `text` within `maxTokens`, ending at a sentence end when one is near. */
export function truncateToTokens(text: string, maxTokens: number): string {
  const tokens = encode(text);
  if (tokens.length <= maxTokens) return text;
  const head = decode(tokens.slice(0, Math.max(0, maxTokens)));
  const lastStop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  return lastStop > head.length * 0.6 ? head.slice(0, lastStop + 1) : head.replace(/\s+\S*$/, '');
}
