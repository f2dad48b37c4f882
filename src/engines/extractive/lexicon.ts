/**
 * Word knowledge for entity recognition, taken from compromise's model: its lexicon (first and
 * last names, countries, cities, regions, organisations, roles, demonyms) and its lists of words
 * that end organisation and place names. We use the data, not compromise's tagger: the tagger
 * handles about 20 words per millisecond, which alone would cap us far below 100 articles/s.
 */
import { createRequire } from 'node:module';

interface Model {
  one?: { lexicon?: Record<string, string | string[]> };
  two?: { orgWords?: Record<string, boolean>; placeWords?: Record<string, boolean> };
}

interface Lexicon {
  words: Record<string, string | string[]>;
  orgWords: ReadonlySet<string>;
  placeWords: ReadonlySet<string>;
}

let loaded: Lexicon | undefined;

/**
 * compromise's model, built on first use. Its "two" level holds the same lexicon and word lists as
 * the full library (checked in the tests) without the later levels, and its one-file CommonJS build
 * loads in about half the time of the ES module tree: start-up is most of a short CLI run.
 */
function lexicon(): Lexicon {
  if (loaded) return loaded;
  const nlp = createRequire(import.meta.url)('compromise/two') as { model(): Model };
  const model = nlp.model();
  loaded = {
    words: model.one?.lexicon ?? {},
    orgWords: new Set(Object.keys(model.two?.orgWords ?? {})),
    placeWords: new Set(Object.keys(model.two?.placeWords ?? {})),
  };
  return loaded;
}

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
  const raw = lexicon().words[phrase];
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
  return lexicon().orgWords.has(word);
}

/** "Island", "County", "region": a name ending in one is a place. */
export function isPlaceWord(word: string): boolean {
  return lexicon().placeWords.has(word);
}
