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
import { splitSentences, stripDateline } from '../../text/sentences.js';
import { countWords, words } from '../../text/tokens.js';
import type { EntityLimits } from './entities.js';
import { DEFAULT_ENTITY_LIMITS, extractEntities } from './entities.js';
import type { SentenceFeatures } from './features.js';
import { sentenceFeatures } from './features.js';
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
  /** The length asked for (default standard): recorded in the brief. */
  length?: BriefLength;
}

export interface Analysis {
  text: string;
  language: string;
  features: SentenceFeatures[];
  /** Indices into `features`, in article order. */
  summary: number[];
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
  const features = sentenceFeatures(sentences, article.title, stopwordsFor(language));
  // Untitled text gets its headline from the lead (headline.ts): the summary goes on from there
  // rather than saying it again, unless the lead is all there is.
  const skip = headlineFromLead(article) && features.length > 1 ? 1 : 0;
  const pool = features.slice(skip);
  // Short texts keep sentences back for the key facts: a 4-sentence text gets 2 + 2, not 3 + 1.
  const n = pool.length;
  const maxSentences = Math.min(SUMMARY_MAX_SENTENCES, n <= 3 ? 1 : n <= 6 ? 2 : 3);
  const summary = selectSummary(pool, {
    maxSentences,
    maxWords: SUMMARY_MAX_WORDS,
    ...options.ranking,
  }).map((i) => i + skip);
  return { text, language, features, summary };
}

/** The summary sentences alone (what the quality bench scores). */
export function summarize(article: Article, options: ExtractiveOptions = {}): string[] {
  const a = analyze(article, options);
  return summaryLines(a, options.ranking?.maxWords ?? SUMMARY_MAX_WORDS);
}

export function briefArticle(article: Article, options: ExtractiveOptions = {}): Brief {
  const a = analyze(article, options);
  const lead = a.features[0];
  const headline = makeHeadline(article.title, lead?.sentence.text);
  // A headline that is the whole lead says it already: no fact repeats it either. A compressed
  // one leaves the lead's details to a fact.
  const said = leadIsHeadline(article, lead, headline) ? [0, ...a.summary] : a.summary;
  const factIndices = selectKeyFacts(a.features, said, options.keyFacts);
  const keyFacts = factIndices.flatMap((i) => {
    const f = a.features[i];
    return f ? [toKeyFact(a.text, f)] : [];
  });
  const entities =
    a.language === 'en' || a.language === 'und'
      ? extractEntities(
          a.features.map((f) => stripDateline(f.sentence.text)),
          options.entityLimits ?? DEFAULT_ENTITY_LIMITS,
        )
      : // The lexicon and rules are English: elsewhere (German capitalises every noun) they would guess.
        { people: [], organizations: [], places: [], dates: [] };
  return BriefSchema.parse({
    version: BRIEF_SCHEMA_VERSION,
    headline,
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
