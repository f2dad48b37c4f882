/**
 * Word knowledge for entity recognition, taken from compromise's model: its lexicon (first and
 * last names, countries, cities, regions, organisations, roles, demonyms) and its lists of words
 * that end organisation and place names. We use the data, not compromise's tagger: the tagger
 * handles about 20 words per millisecond, which alone would cap us far below 100 articles/s.
 */
import nlp from 'compromise';

interface Model {
  one?: { lexicon?: Record<string, string | string[]> };
  two?: { orgWords?: Record<string, boolean>; placeWords?: Record<string, boolean> };
}

const model = nlp.model() as Model;
const LEXICON = model.one?.lexicon ?? {};
const ORG_WORDS = new Set(Object.keys(model.two?.orgWords ?? {}));
const PLACE_WORDS = new Set(Object.keys(model.two?.placeWords ?? {}));

export type WordClass =
  'person' | 'firstName' | 'lastName' | 'place' | 'organization' | 'role' | 'demonym' | 'other';

const PERSON_TAGS = new Set(['Person']);
const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
const PLACE_TAGS = new Set(['Place', 'Country', 'City', 'Region']);
const ORG_TAGS = new Set(['Organization', 'SportsTeam']);

const cache = new Map<string, WordClass | null>();

/** What compromise's lexicon says a lower-cased word or phrase is, or null when it does not know it. */
export function lookup(phrase: string): WordClass | null {
  const cached = cache.get(phrase);
  if (cached !== undefined) return cached;
  const raw = LEXICON[phrase];
  const tags = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  let cls: WordClass | null = null;
  if (tags.length > 0) {
    if (tags.some((t) => PERSON_TAGS.has(t))) cls = 'person';
    else if (tags.some((t) => FIRST_NAME_TAGS.has(t))) cls = 'firstName';
    else if (tags.includes('LastName')) cls = 'lastName';
    else if (tags.some((t) => PLACE_TAGS.has(t))) cls = 'place';
    else if (tags.some((t) => ORG_TAGS.has(t))) cls = 'organization';
    else if (tags.includes('Actor') || tags.includes('Honorific')) cls = 'role';
    else if (tags.includes('Demonym')) cls = 'demonym';
    else cls = 'other';
  }
  if (cache.size < 50_000) cache.set(phrase, cls);
  return cls;
}

/** "Bank", "Ministry", "Times": a capitalised name ending in one is an organisation. */
export function isOrgWord(word: string): boolean {
  return ORG_WORDS.has(word);
}

/** "Island", "County", "region": a name ending in one is a place. */
export function isPlaceWord(word: string): boolean {
  return PLACE_WORDS.has(word);
}

const VERB_TAGS = new Set(['PastTense', 'PresentTense', 'Copula', 'Modal', 'Verb']);
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
  const raw = LEXICON[word];
  const tags = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return tags.some((t) => VERB_TAGS.has(t) || (base && t === 'Infinitive'));
}
