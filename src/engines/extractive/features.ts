/** Per-sentence features the ranking combines; computed once per article. */
import type { Sentence } from '../../text/sentences.js';
import { contentTerms, countWords, words } from '../../text/tokens.js';
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

const DANGLING =
  /^["'\u201c\u2018]?(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|so|also|however|meanwhile|still|yet|then|instead|there|here|such|both|neither|nor|or|thus|hence|moreover|furthermore|besides|otherwise|indeed|now)\b/i;

export function sentenceFeatures(
  sentences: Sentence[],
  title: string | null,
  stopwords?: ReadonlySet<string>,
): SentenceFeatures[] {
  const displays = sentences.map((s) => trimForDisplay(s.text));
  const terms = displays.map((d) => contentTerms(d, stopwords));
  const docTf = new Map<string, number>();
  for (const ts of terms) for (const t of ts) docTf.set(t, (docTf.get(t) ?? 0) + 1);
  const titleTerms = new Set(contentTerms(title ?? displays[0] ?? '', stopwords));
  return sentences.map((sentence, i) => {
    const ts = terms[i] ?? [];
    const display = displays[i] ?? sentence.text;
    const own = new Map<string, number>();
    for (const t of ts) own.set(t, (own.get(t) ?? 0) + 1);
    let dot = 0;
    let ownNorm = 0;
    let restNorm = 0;
    for (const [t, c] of own) {
      const rest = (docTf.get(t) ?? 0) - c;
      dot += c * rest;
      ownNorm += c * c;
    }
    for (const [t, c] of docTf) {
      const rest = c - (own.get(t) ?? 0);
      restNorm += rest * rest;
    }
    const centrality = dot > 0 ? dot / Math.sqrt(ownNorm * restNorm) : 0;
    const termSet = new Set(ts);
    let shared = 0;
    for (const t of termSet) if (titleTerms.has(t)) shared += 1;
    return {
      sentence,
      display,
      words: countWords(display),
      terms: ts,
      termSet,
      centrality,
      titleOverlap: termSet.size ? shared / termSet.size : 0,
      quoteShare: quoteShare(display),
      dangling: DANGLING.test(display),
      question: /\?["'\u201d\u2019]?$/.test(display),
      density: density(display),
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

function density(text: string): number {
  const ws = words(text);
  if (ws.length < 2) return 0;
  let n = 0;
  for (let i = 1; i < ws.length; i += 1) if (/^[\p{Lu}\p{N}]/u.test(ws[i] ?? '')) n += 1;
  return n / (ws.length - 1);
}
