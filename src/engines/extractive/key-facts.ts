/**
 * Key facts: distinct fact-bearing sentences (names, numbers, dates, quoted remarks) that the
 * summary does not already say. Each keeps a verbatim quote of the article; its text is the same
 * sentence trimmed for a reader in a hurry.
 */
import type { KeyFact } from '../../brief.js';
import { KEY_FACTS_MAX } from '../../brief.js';
import { datelineLength } from '../../text/sentences.js';
import { countWords } from '../../text/tokens.js';
import { trimForDisplay } from './compress.js';
import type { SentenceFeatures } from './features.js';
import { containment, similarity } from './ranking.js';

export interface KeyFactOptions {
  maxFacts: number;
  minWords: number;
  /** Longer sentences are run-ons or lists: poor facts for a ten-second read. */
  maxWords: number;
  /** A candidate this similar (Jaccard) to a summary sentence or a chosen fact repeats it. */
  maxSimilarity: number;
  /** A candidate whose content terms are mostly (this share) in one chosen sentence repeats it. */
  maxContainment: number;
  /** Position prior weight / 1 + index / scale: gentler than the summary's, facts come from anywhere. */
  priorWeight: number;
  priorScale: number;
  centralityWeight: number;
  factinessWeight: number;
  /** Per content word (up to 20): a sentence with more content carries more of the story. */
  substanceWeight: number;
  danglingPenalty: number;
  quotePenalty: number;
  /** Per sentence already taken from the same paragraph: facts should cover the whole story. */
  paragraphPenalty: number;
  /** Weight of the share of content terms nothing chosen so far mentions: facts should add news. */
  noveltyWeight: number;
}

export const DEFAULT_KEY_FACTS: KeyFactOptions = {
  maxFacts: KEY_FACTS_MAX,
  minWords: 6,
  maxWords: 55,
  maxSimilarity: 0.45,
  maxContainment: 0.55,
  priorWeight: 1.5,
  priorScale: 8,
  centralityWeight: 1,
  factinessWeight: 0.5,
  substanceWeight: 0.015,
  danglingPenalty: 0.15,
  quotePenalty: 0.3,
  paragraphPenalty: 0.25,
  noveltyWeight: 0.3,
};

const MONTH_OR_DAY =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** How much a sentence looks like a fact: numbers, dates, names and quoted words. */
export function factiness(f: SentenceFeatures): number {
  const text = f.display;
  let score = 0;
  if (/\d/.test(text)) score += 0.3;
  if (MONTH_OR_DAY.test(text)) score += 0.15;
  if (/["\u201c][^"\u201d]{3,}["\u201d]/.test(text)) score += 0.15;
  score += Math.min(0.4, f.density);
  return score;
}

/** Indices of the fact sentences in article order, none repeating the `summary` sentences. */
export function selectKeyFacts(
  features: SentenceFeatures[],
  summary: number[],
  options: Partial<KeyFactOptions> = {},
): number[] {
  const o = { ...DEFAULT_KEY_FACTS, ...options };
  const taken = new Set(summary);
  const candidates = features.filter(
    (f, i) => !taken.has(i) && !f.question && f.words >= o.minWords && f.words <= o.maxWords,
  );
  const base = new Map(
    candidates.map((f) => [
      f,
      (o.priorWeight * 1) / (1 + f.sentence.index / o.priorScale) +
        o.centralityWeight * f.centrality +
        o.factinessWeight * factiness(f) +
        o.substanceWeight * Math.min(f.termSet.size, 20) -
        (f.dangling ? o.danglingPenalty : 0) -
        o.quotePenalty * f.quoteShare,
    ]),
  );
  const chosen: SentenceFeatures[] = summary.flatMap((i) => features[i] ?? []);
  const covered = new Set(chosen.flatMap((f) => [...f.termSet]));
  const facts: number[] = [];
  while (facts.length < o.maxFacts) {
    let best: SentenceFeatures | undefined;
    let bestValue = -Infinity;
    for (const f of candidates) {
      if (chosen.includes(f)) continue;
      let overlap = 0;
      let contained = 0;
      let sameParagraph = 0;
      for (const c of chosen) {
        overlap = Math.max(overlap, similarity(f, c));
        contained = Math.max(contained, containment(f, c));
        if (c.sentence.paragraph === f.sentence.paragraph) sameParagraph += 1;
      }
      if (overlap > o.maxSimilarity || contained > o.maxContainment) continue;
      let novel = 0;
      for (const t of f.termSet) if (!covered.has(t)) novel += 1;
      const novelty = f.termSet.size ? novel / f.termSet.size : 0;
      const value =
        (base.get(f) ?? 0) - overlap - o.paragraphPenalty * sameParagraph + o.noveltyWeight * novelty;
      if (value > bestValue) {
        bestValue = value;
        best = f;
      }
    }
    if (!best) break;
    chosen.push(best);
    facts.push(best.sentence.index);
    for (const t of best.termSet) covered.add(t);
  }
  return facts.sort((a, b) => a - b);
}

/** The fact as shown (trimmed) with its quote: the sentence verbatim, minus a leading dateline. */
export function toKeyFact(source: string, f: SentenceFeatures): KeyFact {
  const { start, end, text } = f.sentence;
  const quote = source.slice(start + datelineLength(text), end);
  const trimmed = trimForDisplay(text, { dropConnective: true });
  return { text: countWords(trimmed) >= 3 ? trimmed : quote, quote };
}
