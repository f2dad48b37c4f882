/**
 * The extractive brief as pure functions: the same article always gives the same brief, with no
 * I/O, so benches and tests call these directly.
 */
import type { Article } from '../../article.js';
import { articleText } from '../../article.js';
import type { Brief, BriefLength, Source } from '../../brief.js';
import {
  BRIEF_SCHEMA_VERSION,
  BriefSchema,
  DEFAULT_BRIEF_LENGTH,
  SUMMARY_MAX_SENTENCES,
  SUMMARY_MAX_WORDS,
} from '../../brief.js';
import { BriefError } from '../../errors.js';
import { resolveLanguage, stopwordsFor } from '../../text/language.js';
import { splitSentences, stripDateline, type Sentence } from '../../text/sentences.js';
import { countWords, words } from '../../text/tokens.js';
import {
  analysedSentences,
  distinctSentences,
  selectCandidates,
  type CandidateOptions,
} from './candidates.js';
import type { EntityLimits } from './entities.js';
import { DEFAULT_ENTITY_LIMITS, extractEntities } from './entities.js';
import type { SentenceFeatures } from './features.js';
import { articleTerms, candidateFeatures } from './features.js';
import { headlineFromLead, makeHeadline } from './headline.js';
import type { KeyFactOptions } from './key-facts.js';
import { selectKeyFacts, toKeyFact } from './key-facts.js';
import type { RankingOptions } from './ranking.js';
import { selectSummary } from './ranking.js';
import { articleStats } from './stats.js';

export interface ExtractiveOptions {
  ranking?: Partial<RankingOptions>;
  keyFacts?: Partial<KeyFactOptions>;
  entityLimits?: EntityLimits;
  candidates?: Partial<CandidateOptions>;
  /** The length asked for (default standard): recorded in the brief. */
  length?: BriefLength;
}

export interface Analysis {
  text: string;
  language: string;
  /** Every sentence of the article, in order. */
  sentences: Sentence[];
  /** Indices of the analysed sentences (all of an ordinary article; see candidates.ts). */
  analysed: number[];
  /** Features of the candidate sentences (see candidates.ts), in article order. */
  features: SentenceFeatures[];
  /** Indices into `features`, in article order. */
  summary: number[];
  headline: string;
  /** An untitled text whose whole lead is the headline: no fact repeats it. */
  leadSaid: boolean;
}

export function analyze(article: Article, options: ExtractiveOptions = {}): Analysis {
  const text = articleText(article);
  const sentences = splitSentences(text);
  if (sentences.length === 0) {
    throw new BriefError(
      'no_content',
      'There is no text to brief in this article. Try another link or paste the text.',
    );
  }
  const language = resolveLanguage(text, article.declaredLanguage);
  const stopwords = stopwordsFor(language);
  // Splitting is linear in the article; from here on the work is bounded (see candidates.ts).
  const analysed = analysedSentences(sentences.length, options.candidates);
  const doc = articleTerms(sentences, analysed, stopwords);
  // Repeats are dropped before ranking (they still count in the term frequencies, as before).
  const distinct = distinctSentences(analysed, (i) => sentences[i]?.text ?? '');
  const candidates = selectCandidates(distinct, doc, options.candidates);
  const features = candidateFeatures(sentences, candidates, doc, article.title, stopwords);
  const headline = makeHeadline(article.title, sentences[0]?.text);
  // Untitled text gets its headline from the lead (headline.ts): the summary goes on from there
  // rather than saying it again, unless the lead is all there is. A headline that is the whole lead
  // says it already, so no fact repeats it either; a compressed one leaves the lead's details to a fact.
  const skip = headlineFromLead(article) && features.length > 1 ? 1 : 0;
  const leadSaid = leadIsHeadline(article, features[0], headline);
  // Short texts keep sentences back for the key facts: a 4-sentence text gets 2 + 2, not 3 + 1.
  const n = sentences.length - skip;
  const maxSentences = Math.min(SUMMARY_MAX_SENTENCES, n <= 3 ? 1 : n <= 6 ? 2 : 3);
  const summary = selectSummary(features.slice(skip), {
    maxSentences,
    maxWords: SUMMARY_MAX_WORDS,
    ...options.ranking,
  }).map((i) => i + skip);
  return { text, language, sentences, analysed, features, summary, headline, leadSaid };
}

/** The summary sentences alone (what the quality bench scores). */
export function summarize(article: Article, options: ExtractiveOptions = {}): string[] {
  const a = analyze(article, options);
  return summaryLines(a, options.ranking?.maxWords ?? SUMMARY_MAX_WORDS);
}

export function briefArticle(article: Article, options: ExtractiveOptions = {}): Brief {
  const a = analyze(article, options);
  const said = a.leadSaid ? [...new Set([0, ...a.summary])] : a.summary;
  const factIndices = selectKeyFacts(a.features, said, options.keyFacts);
  const keyFacts = factIndices.flatMap((i) => {
    const f = a.features[i];
    return f ? [toKeyFact(a.text, f)] : [];
  });
  const entities =
    a.language === 'en' || a.language === 'und'
      ? extractEntities(
          // Mentions are counted in the analysed sentences: all of them in an ordinary article.
          a.analysed.map((i) => stripDateline(a.sentences[i]?.text ?? '')),
          options.entityLimits ?? DEFAULT_ENTITY_LIMITS,
        )
      : // The lexicon and rules are English: elsewhere (German capitalises every noun) they would guess.
        { people: [], organizations: [], places: [], dates: [] };
  return BriefSchema.parse({
    version: BRIEF_SCHEMA_VERSION,
    headline: a.headline,
    summary: summaryLines(a, SUMMARY_MAX_WORDS),
    keyFacts,
    entities,
    source: sourceOf(article),
    stats: articleStats(a.text),
    language: a.language,
    extraction: article.extraction,
    engine: { name: 'extractive' },
    length: options.length ?? DEFAULT_BRIEF_LENGTH,
  } satisfies Brief);
}

function leadIsHeadline(article: Article, lead: SentenceFeatures | undefined, headline: string): boolean {
  return (
    headlineFromLead(article) && !!lead && countWords(headline) >= lead.words && !headline.endsWith('\u2026')
  );
}

function summaryLines(a: Analysis, maxWords: number): string[] {
  return a.summary.map((i) => {
    const display = a.features[i]?.display ?? '';
    // Only a lone over-long sentence gets here over budget (the ranking keeps to it otherwise).
    return countWords(display) > maxWords ? clipWords(display, maxWords) : display;
  });
}

function clipWords(text: string, maxWords: number): string {
  const kept = words(text).slice(0, maxWords);
  const last = kept[kept.length - 1];
  if (!last) return text;
  let end = 0;
  for (const w of kept) end = text.indexOf(w, end) + w.length;
  return `${text.slice(0, end).replace(/[,;:\s]+$/, '')}\u2026`;
}

function sourceOf(article: Article): Source {
  return {
    url: article.url && URL.canParse(article.url) ? article.url : null,
    title: article.title,
    siteName: article.siteName,
    byline: article.byline,
    publishedTime: article.publishedTime,
  };
}
