/**
 * Word knowledge for entity recognition, taken from compromise's model: its lexicon (first and
 * last names, countries, cities, regions, organisations, roles, demonyms) and its lists of words
 * that end organisation and place names. We use the data, not compromise's tagger: the tagger
 * handles about 20 words per millisecond, which alone would cap us far below 100 articles/s.
 */
import { LEXICON_DATA } from './lexicon-data.js';

export type WordClass =
  'person' | 'firstName' | 'lastName' | 'place' | 'organization' | 'role' | 'demonym' | 'other';

export const WORD_CLASSES: readonly WordClass[] = [
  'person',
  'firstName',
  'lastName',
  'place',
  'organization',
  'role',
  'demonym',
  'other',
];

const PERSON_TAGS = new Set(['Person']);
const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
const PLACE_TAGS = new Set(['Place', 'Country', 'City', 'Region']);
const ORG_TAGS = new Set(['Organization', 'SportsTeam']);

/** A word's class from compromise's tags for it: the first rule that applies wins. */
export function classOfTags(tags: readonly string[]): WordClass {
  if (tags.some((t) => PERSON_TAGS.has(t))) return 'person';
  if (tags.some((t) => FIRST_NAME_TAGS.has(t))) return 'firstName';
  if (tags.includes('LastName')) return 'lastName';
  if (tags.some((t) => PLACE_TAGS.has(t))) return 'place';
  if (tags.some((t) => ORG_TAGS.has(t))) return 'organization';
  if (tags.includes('Actor') || tags.includes('Honorific')) return 'role';
  if (tags.includes('Demonym')) return 'demonym';
  return 'other';
}

const VERB_TAGS = new Set(['PastTense', 'PresentTense', 'Copula', 'Modal', 'Verb']);

/** compromise's tags that make a word a finite verb form ("said", "meets", "was", "will"). */
export function isFiniteVerbTags(tags: readonly string[]): boolean {
  return tags.some((t) => VERB_TAGS.has(t));
}

/** compromise's tag for a verb's base form ("appreciate"). */
export function isBaseVerbTags(tags: readonly string[]): boolean {
  return tags.includes('Infinitive');
}

interface Lexicon {
  classes: Map<string, WordClass>;
  orgWords: ReadonlySet<string>;
  placeWords: ReadonlySet<string>;
  finiteVerbs: ReadonlySet<string>;
  baseVerbs: ReadonlySet<string>;
}

let loaded: Lexicon | undefined;

/**
 * The lexicon, built on first use from lexicon-data.ts: compromise's words by class, generated
 * from its model by the lexicon test. Building compromise's own model (unpacking and inflecting
 * its word lists) took about 0.3 s of CPU at every start; reading the classes takes milliseconds.
 */
function lexicon(): Lexicon {
  if (loaded) return loaded;
  const classes = new Map<string, WordClass>();
  for (const cls of WORD_CLASSES) for (const word of LEXICON_DATA[cls].split(',')) classes.set(word, cls);
  loaded = {
    classes,
    orgWords: new Set(LEXICON_DATA.orgWords.split(',')),
    placeWords: new Set(LEXICON_DATA.placeWords.split(',')),
    finiteVerbs: new Set(LEXICON_DATA.finiteVerbs.split(',')),
    baseVerbs: new Set(LEXICON_DATA.baseVerbs.split(',')),
  };
  return loaded;
}

/** What compromise's lexicon says a lower-cased word or phrase is, or null when it does not know it. */
export function lookup(phrase: string): WordClass | null {
  return lexicon().classes.get(phrase) ?? null;
}

/** "Bank", "Ministry", "Times": a capitalised name ending in one is an organisation. */
export function isOrgWord(word: string): boolean {
  return lexicon().orgWords.has(word);
}

/** "Island", "County", "region": a name ending in one is a place. */
export function isPlaceWord(word: string): boolean {
  return lexicon().placeWords.has(word);
}

const AUXILIARIES = new Set(
  'be been being is are was were am has have had do does did will would can could may might must shall should'.split(
    ' ',
  ),
);

/**
 * A lower-case word that is a finite verb form ("said", "meets", "was", "will"), from the lexicon,
 * or a regular past tense ("reopened", "uncovered"): enough to tell a clause from a noun phrase.
 * With `base`, also a verb's base form ("appreciate").
 */
export function isVerbForm(word: string, base = false): boolean {
  if (AUXILIARIES.has(word) || /^[a-z]{3,}ed$/.test(word)) return true;
  const { finiteVerbs, baseVerbs } = lexicon();
  return finiteVerbs.has(word) || (base && baseVerbs.has(word));
}
