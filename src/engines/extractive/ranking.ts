/**
 * Summary selection: a position prior (news puts the story first), centrality, overlap with the
 * title or lead, penalties for sentences that cannot stand alone, and MMR-style redundancy control,
 * within a word budget. The chosen sentences come back in article order.
 */
import type { SentenceFeatures } from './features.js';

export interface RankingOptions {
  maxSentences: number;
  maxWords: number;
  /** Sentences shorter than this are fragments (bylines, "Read more."), never chosen. */
  minWords: number;
  positionWeight: number;
  /** Prior = 1 / (1 + index / positionScale): how fast the lead's advantage fades. */
  positionScale: number;
  centralityWeight: number;
  titleWeight: number;
  quotePenalty: number;
  danglingPenalty: number;
  questionPenalty: number;
  unterminatedPenalty: number;
  /** Per word beyond 25: a long sentence eats the budget two shorter ones could use. */
  lengthPenalty: number;
  /** Weight of the maximum similarity to an already chosen sentence (MMR). */
  redundancyWeight: number;
  /** A sentence whose content terms are mostly (this share) in a chosen one adds nothing: skipped. */
  maxContainment: number;
}

/** Tuned on folds 1-2 of the CNN dev set with bench/quality.ts. */
export const DEFAULT_RANKING: RankingOptions = {
  maxSentences: 3,
  maxWords: 80,
  minWords: 5,
  positionWeight: 1,
  positionScale: 2,
  centralityWeight: 2,
  titleWeight: 0.3,
  quotePenalty: 0.3,
  danglingPenalty: 0.2,
  questionPenalty: 0.2,
  unterminatedPenalty: 0.5,
  lengthPenalty: 0.01,
  redundancyWeight: 1,
  maxContainment: 0.55,
};

export function sentenceScore(f: SentenceFeatures, o: RankingOptions): number {
  const prior = 1 / (1 + f.sentence.index / o.positionScale);
  return (
    o.positionWeight * prior +
    o.centralityWeight * f.centrality +
    o.titleWeight * f.titleOverlap -
    o.quotePenalty * f.quoteShare -
    (f.dangling ? o.danglingPenalty : 0) -
    (f.question ? o.questionPenalty : 0) -
    (f.unterminated ? o.unterminatedPenalty : 0) -
    o.lengthPenalty * Math.max(0, f.words - 25)
  );
}

/** Indices (into `features`) of the summary sentences, in article order. */
export function selectSummary(features: SentenceFeatures[], options: Partial<RankingOptions> = {}): number[] {
  const o = { ...DEFAULT_RANKING, ...options };
  const scores = features.map((f) => sentenceScore(f, o));
  const chosen: number[] = [];
  let words = 0;
  while (chosen.length < o.maxSentences) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < features.length; i += 1) {
      const f = features[i];
      if (!f || chosen.includes(i) || f.words < o.minWords || words + f.words > o.maxWords) continue;
      let overlap = 0;
      let contained = 0;
      for (const j of chosen) {
        overlap = Math.max(overlap, similarity(f, features[j]));
        contained = Math.max(contained, containment(f, features[j]));
      }
      if (contained > o.maxContainment) continue;
      const value = (scores[i] ?? 0) - o.redundancyWeight * overlap;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    words += features[best]?.words ?? 0;
  }
  if (chosen.length === 0 && features.length > 0) {
    // Every sentence is a fragment or over budget: the best one still makes a summary (shortened later).
    let best = 0;
    for (let i = 1; i < features.length; i += 1) if ((scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
    chosen.push(best);
  }
  return chosen.sort((a, b) => a - b);
}

/** Jaccard overlap of content terms. */
export function similarity(a: SentenceFeatures, b: SentenceFeatures | undefined): number {
  if (!b || a.termSet.size === 0 || b.termSet.size === 0) return 0;
  let shared = 0;
  for (const t of a.termSet) if (b.termSet.has(t)) shared += 1;
  return shared / (a.termSet.size + b.termSet.size - shared);
}

/** Share of `a`'s content terms that `b` also has. */
export function containment(a: SentenceFeatures, b: SentenceFeatures | undefined): number {
  if (!b || a.termSet.size === 0) return 0;
  let shared = 0;
  for (const t of a.termSet) if (b.termSet.has(t)) shared += 1;
  return shared / a.termSet.size;
}
