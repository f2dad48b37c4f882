/** Per-sentence features the ranking combines; computed once per article. */
import type { Sentence } from '../../text/sentences.js';
import { contentTerms, termsOfWords, words } from '../../text/tokens.js';
import { trimForDisplay } from './compress.js';

export interface SentenceFeatures {
  sentence: Sentence;
  /** The sentence as a summary shows it: no dateline, no trailing attribution. */
  display: string;
  words: number;
  terms: string[];
  termSet: Set<string>;
  /** Cosine similarity to the rest of the article (term frequencies). */
  centrality: number;
  /** Share of the sentence's content terms that also occur in the title, or the lead when untitled. */
  titleOverlap: number;
  /** Share of the characters inside quotation marks. */
  quoteShare: number;
  /** Starts with a pronoun or connective that needs the previous sentence to make sense. */
  dangling: boolean;
  /** Ends with a question mark or is mostly a question. */
  question: boolean;
  /** No closing punctuation: a heading, caption or related link rather than a sentence. */
  unterminated: boolean;
  /** Share of words that are names or numbers (capitalised after the first word, or digits). */
  density: number;
}

/**
 * What the analysed sentences cost to know, in one pass: their display forms, their content terms,
 * and the term frequencies that centrality compares against. For an article of ordinary length
 * every sentence is analysed; for a huge one, a bounded sample (see candidates.ts).
 */
export interface ArticleTerms {
  /** The analysed sentences by sentence index. */
  analysed: Map<number, AnalysedSentence>;
  /** Term frequencies over the analysed sentences. */
  docTf: Map<string, number>;
  /** Sum of the squared frequencies in docTf, so each centrality costs only its own terms. */
  docSquares: number;
}

export interface AnalysedSentence {
  /** As a summary shows it (see SentenceFeatures.display). */
  display: string;
  /** The display's words (tokens.ts `words`): counted, and the source of its terms. */
  words: string[];
  terms: string[];
}

const DANGLING =
  /^["'\u201c\u2018]?(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|so|also|however|meanwhile|still|yet|then|instead|there|here|such|both|neither|nor|or|thus|hence|moreover|furthermore|besides|otherwise|indeed|now)\b/i;

/** Display forms and content terms of the sentences at `indices`, and their term frequencies. */
export function articleTerms(
  sentences: readonly Sentence[],
  indices: readonly number[],
  stopwords?: ReadonlySet<string>,
): ArticleTerms {
  const analysed = new Map<number, AnalysedSentence>();
  const docTf = new Map<string, number>();
  for (const i of indices) {
    const display = trimForDisplay(sentences[i]?.text ?? '');
    // One tokenisation per sentence serves its word count, its density and its terms.
    const ws = words(display);
    const terms = termsOfWords(ws, stopwords);
    analysed.set(i, { display, words: ws, terms });
    for (const t of terms) docTf.set(t, (docTf.get(t) ?? 0) + 1);
  }
  let docSquares = 0;
  for (const c of docTf.values()) docSquares += c * c;
  return { analysed, docTf, docSquares };
}

/**
 * Cosine similarity of a sentence's term counts with the rest of the article's. The rest's squared
 * norm is the article's corrected for this sentence's own terms, so the cost is the sentence's
 * terms, not the article's vocabulary: a loop over the vocabulary per sentence made a 5 MB article
 * take most of a minute. Integer sums, so the value is the same as the direct computation's.
 */
export function centralityOf(terms: readonly string[], doc: ArticleTerms): number {
  const own = new Map<string, number>();
  for (const t of terms) own.set(t, (own.get(t) ?? 0) + 1);
  let dot = 0;
  let ownNorm = 0;
  let restNorm = doc.docSquares;
  for (const [t, c] of own) {
    const total = doc.docTf.get(t) ?? 0;
    const rest = total - c;
    dot += c * rest;
    ownNorm += c * c;
    restNorm += rest * rest - total * total;
  }
  return dot > 0 ? dot / Math.sqrt(ownNorm * restNorm) : 0;
}

/** Features of every sentence (the whole article is the candidate set). */
export function sentenceFeatures(
  sentences: Sentence[],
  title: string | null,
  stopwords?: ReadonlySet<string>,
): SentenceFeatures[] {
  const all = sentences.map((_, i) => i);
  return candidateFeatures(sentences, all, articleTerms(sentences, all, stopwords), title, stopwords);
}

/**
 * Features of the candidate sentences (`indices`, ascending, all analysed in `doc`): the per-sentence
 * work is bounded by the candidate set, whatever the article's length.
 */
export function candidateFeatures(
  sentences: readonly Sentence[],
  indices: readonly number[],
  doc: ArticleTerms,
  title: string | null,
  stopwords?: ReadonlySet<string>,
): SentenceFeatures[] {
  const titleTerms = new Set(contentTerms(title ?? doc.analysed.get(0)?.display ?? '', stopwords));
  return indices.map((i) => {
    const sentence = sentences[i] as Sentence;
    const a = doc.analysed.get(i);
    const ts = a?.terms ?? [];
    const display = a?.display ?? sentence.text;
    const termSet = new Set(ts);
    let shared = 0;
    for (const t of termSet) if (titleTerms.has(t)) shared += 1;
    return {
      sentence,
      display,
      words: a?.words.length ?? 0,
      terms: ts,
      termSet,
      centrality: centralityOf(ts, doc),
      titleOverlap: termSet.size ? shared / termSet.size : 0,
      quoteShare: quoteShare(display),
      dangling: DANGLING.test(display),
      question: /\?["'\u201d\u2019]?$/.test(display),
      density: density(a?.words ?? []),
      unterminated: !/[.!?\u2026]["'\u201d\u2019)]*$/.test(display),
    };
  });
}

function quoteShare(text: string): number {
  let inside = 0;
  const re = /["\u201c]([^"\u201d]*)["\u201d]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) inside += (m[1] ?? '').length;
  return text.length ? inside / text.length : 0;
}

function density(ws: readonly string[]): number {
  if (ws.length < 2) return 0;
  let n = 0;
  for (let i = 1; i < ws.length; i += 1) if (/^[\p{Lu}\p{N}]/u.test(ws[i] ?? '')) n += 1;
  return n / (ws.length - 1);
}
