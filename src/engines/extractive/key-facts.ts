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

/** Indices (into `features`) of the fact sentences in article order, none repeating the `summary`. */
export function selectKeyFacts(
  features: SentenceFeatures[],
  summary: number[],
  options: Partial<KeyFactOptions> = {},
): number[] {
  const o = { ...DEFAULT_KEY_FACTS, ...options };
  const taken = new Set(summary);
  const candidates = features.flatMap((f, i) =>
    !taken.has(i) && !f.question && f.words >= o.minWords && f.words <= o.maxWords ? [i] : [],
  );
  const base = new Map(
    candidates.map((i) => {
      const f = features[i] as SentenceFeatures;
      const value =
        (o.priorWeight * 1) / (1 + f.sentence.index / o.priorScale) +
        o.centralityWeight * f.centrality +
        o.factinessWeight * factiness(f) +
        o.substanceWeight * Math.min(f.termSet.size, 20) -
        (f.dangling ? o.danglingPenalty : 0) -
        o.quotePenalty * f.quoteShare;
      return [i, value];
    }),
  );
  // Each candidate's overlap with what is chosen only grows: it is kept up to date with each new
  // pick instead of recomputed against every chosen sentence in every round, and a candidate that
  // once repeats a chosen sentence is dropped for good.
  let open = candidates.map((i) => ({
    i,
    f: features[i] as SentenceFeatures,
    overlap: 0,
    contained: 0,
    same: 0,
  }));
  const covered = new Set<string>();
  const choose = (c: SentenceFeatures) => {
    for (const t of c.termSet) covered.add(t);
    open = open.filter((x) => {
      const a = x.f.termSet;
      if (a.size > 0 && c.termSet.size > 0) {
        let shared = 0;
        for (const t of a) if (c.termSet.has(t)) shared += 1;
        if (shared > 0) {
          // Jaccard similarity and containment (share of the candidate's terms in the chosen one).
          x.overlap = Math.max(x.overlap, shared / (a.size + c.termSet.size - shared));
          x.contained = Math.max(x.contained, shared / a.size);
        }
      }
      if (c.sentence.paragraph === x.f.sentence.paragraph) x.same += 1;
      return x.overlap <= o.maxSimilarity && x.contained <= o.maxContainment;
    });
  };
  for (const i of summary) {
    const f = features[i];
    if (f) choose(f);
  }
  const facts: number[] = [];
  while (facts.length < o.maxFacts) {
    let best: (typeof open)[number] | undefined;
    let bestValue = -Infinity;
    for (const x of open) {
      let novel = 0;
      for (const t of x.f.termSet) if (!covered.has(t)) novel += 1;
      const novelty = x.f.termSet.size ? novel / x.f.termSet.size : 0;
      const value =
        (base.get(x.i) ?? 0) - x.overlap - o.paragraphPenalty * x.same + o.noveltyWeight * novelty;
      if (value > bestValue) {
        bestValue = value;
        best = x;
      }
    }
    if (!best) break;
    facts.push(best.i);
    const picked = best;
    open = open.filter((x) => x !== picked);
    choose(picked.f);
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
