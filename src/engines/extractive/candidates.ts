/**
 * What the ranking looks at, bounded whatever the article's length. A news article has a few dozen
 * sentences (the CNN dev set: median 34, longest 143) and every one of them is analysed and is a
 * candidate, so for such articles nothing here changes a brief. A 5 MB paste has tens of
 * thousands; analysing and ranking them all cost most of a minute, for sentences that cannot win.
 *
 * Two bounded sets, both made of the lead and an even spread over the rest of the article:
 *
 * - the analysed set (up to 2,000 sentences): the first 1,000 and an evenly spaced sample of the
 *   rest. Their terms make the article's term frequencies that centrality compares with (an even
 *   sample keeps the proportions of the whole), and entities are counted in them.
 * - the candidate set (up to 300 of those, repeats left out): the first 150, where news puts the
 *   story and where the position prior still counts, and one sentence from each of 150 equal
 *   stretches of the rest: the stretch's most central one (most like the article as a whole). Key
 *   facts can then come from anywhere, and the sample stays spread over the article instead of
 *   bunching where one topic repeats.
 */
import { centralityOf, type ArticleTerms } from './features.js';

export interface CandidateOptions {
  /** Sentences analysed at most: about fourteen times the longest article of the CNN dev set. */
  analysed: number;
  /** Of which this many are the article's first sentences. */
  analysedLead: number;
  /** Candidates at most: about twice the longest article of the CNN dev set. */
  max: number;
  /** Of which this many are the first distinct sentences. */
  lead: number;
  /** Sentences shorter than this are fragments (bylines, "Read more."): never sampled. */
  minWords: number;
}

export const DEFAULT_CANDIDATES: CandidateOptions = {
  analysed: 2000,
  analysedLead: 1000,
  max: 300,
  lead: 150,
  minWords: 5,
};

/** Indices (ascending) of `count` items: the first `lead`, then `limit - lead` evenly spaced. */
function leadAndSpread(count: number, limit: number, lead: number): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  const out = Array.from({ length: lead }, (_, i) => i);
  const spread = limit - lead;
  const rest = count - lead;
  for (let k = 0; k < spread; k += 1) out.push(lead + Math.floor(((k + 0.5) * rest) / spread));
  return out;
}

/** Indices (ascending) of the sentences to analyse out of `count`. */
export function analysedSentences(count: number, options: Partial<CandidateOptions> = {}): number[] {
  const o = { ...DEFAULT_CANDIDATES, ...options };
  return leadAndSpread(count, o.analysed, o.analysedLead);
}

/**
 * The indices whose text is the first occurrence of that text (exact repeats left out), in order.
 * Ingest has already made spacing uniform, so a repeat is the same string.
 */
export function distinctSentences(indices: readonly number[], textOf: (i: number) => string): number[] {
  const seen = new Set<string>();
  return indices.filter((i) => {
    const key = textOf(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Indices (ascending) of the candidate sentences, chosen from `distinct` (analysed, repeats left
 * out, ascending) as the module comment explains.
 */
export function selectCandidates(
  distinct: readonly number[],
  doc: ArticleTerms,
  options: Partial<CandidateOptions> = {},
): number[] {
  const o = { ...DEFAULT_CANDIDATES, ...options };
  if (distinct.length <= o.max) return [...distinct];
  const lead = distinct.slice(0, o.lead);
  const rest = distinct.slice(o.lead);
  const stretches = o.max - lead.length;
  const sample: number[] = [];
  for (let k = 0; k < stretches; k += 1) {
    const from = Math.floor((k * rest.length) / stretches);
    const to = Math.floor(((k + 1) * rest.length) / stretches);
    let best = -1;
    let bestCentrality = -1;
    for (let j = from; j < to; j += 1) {
      const i = rest[j] as number;
      const a = doc.analysed.get(i);
      if (!a || a.words.length < o.minWords) continue;
      const c = centralityOf(a.terms, doc);
      if (c > bestCentrality) {
        bestCentrality = c;
        best = i;
      }
    }
    if (best >= 0) sample.push(best);
  }
  return [...lead, ...sample];
}
