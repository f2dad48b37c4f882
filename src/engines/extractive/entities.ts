/**
 * Named entities: runs of capitalised words, classified with compromise's lexicon (see lexicon.ts)
 * and the words around them ("leader Kim Jong-un", "Amur region", "RIA Novosti"), cleaned for
 * display (no possessives, titles or demonyms), short forms folded into full names ("Putin" into
 * "Vladimir Putin", "Kim" into "Kim Jong-un"), ordered by how often the article mentions them.
 */
import type { Entities } from '../../brief.js';
import { findDates } from './dates.js';
import { isOrgWord, isPlaceWord, lookup } from './lexicon.js';

export interface EntityLimits {
  people: number;
  organizations: number;
  places: number;
  dates: number;
}

export const DEFAULT_ENTITY_LIMITS: EntityLimits = { people: 8, organizations: 6, places: 6, dates: 6 };

type Kind = 'people' | 'organizations' | 'places';
type Guess = Kind | 'unknown';

interface Token {
  word: string;
  /** The word lower-cased, made once: the lexicon is asked about a token several times. */
  lower: string;
  start: number;
  end: number;
  possessive: boolean;
  /** Could start or continue a name: capitalised, not a weekday, month or common acronym. */
  cap: boolean;
}

// Words with inner apostrophes, hyphens, dots or ampersands ("O'Neill", "Jong-un", "U.S", "AT&T").
// A possessive "'s" is not part of the word: "Sheridan's" is the token "Sheridan" marked possessive.
const TOKEN = /[\p{L}\p{N}]+(?:(?:['\u2019](?!s\b)|[.&-])[\p{L}\p{N}]+)*(?:['\u2019]s?\b)?/gu;
const CONNECTORS = new Set(['of', 'de', 'da', 'del', 'der', 'van', 'von', 'bin', 'al', 'la', 'le', 'du']);
const TITLES = new Set(
  (
    'president mr mrs ms dr gen gov sen rep lt col sgt capt adm prof judge king queen prince princess pope sir ' +
    'former late senator governor minister secretary chancellor mayor spokesman spokeswoman spokesperson chief'
  ).split(' '),
);
// Capitalised only because they start a sentence or a clause; never the start of a name.
const SKIP = new Set(
  (
    'the a an but and or so in on at for with by from as if when while after before both all some many most ' +
    'this that these those his her its their our my your he she it they we i you there here then now also yet ' +
    'still however meanwhile despite since although though because until on every each no not what who how why'
  ).split(' '),
);
const CALENDAR =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
const NOT_ACRONYMS = new Set([
  'ET',
  'EST',
  'EDT',
  'PT',
  'PST',
  'GMT',
  'UTC',
  'AM',
  'PM',
  'TV',
  'CEO',
  'OK',
  'ID',
  'NEW',
  'I',
]);
// Organisation name endings compromise's list lacks.
const MORE_ORG_WORDS = new Set(
  'league party ministry union office court institute network parliament congress senate forces guard navy'.split(
    ' ',
  ),
);
const ACRONYM_PLACES = new Set(['US', 'USA', 'UK', 'UAE', 'EU']);
const SPEECH = new Set(['said', 'says', 'told', 'added', 'wrote', 'explained', 'testified']);
// A lower-case word after a name that makes it a place: "the Amur region".
const PLACE_SUFFIXES = new Set([
  'region',
  'province',
  'county',
  'district',
  'prefecture',
  'oblast',
  'island',
  'peninsula',
]);
const ACRONYM = /^\p{Lu}{2,6}$/u;
// "Kremlin spokesperson", "Pentagon spokesman": whoever has a spokesperson is an institution.
const SPOKES = new Set(['spokesperson', 'spokesman', 'spokeswoman', 'officials', 'official']);
// A final word that makes a run a place: "Vostochny Cosmodrome", "Heathrow Airport".
const MORE_PLACE_WORDS = new Set(
  'cosmodrome airport airbase stadium harbor harbour square palace cathedral station'.split(' '),
);

interface Candidate {
  name: string;
  votes: Record<Guess, number>;
  first: number;
}

/** Entities named in `sentences` (the whole article, sentence by sentence), most mentioned first. */
export function extractEntities(sentences: string[], limits: EntityLimits = DEFAULT_ENTITY_LIMITS): Entities {
  const found = new Map<string, Candidate>();
  let offset = 0;
  for (const sentence of sentences) {
    for (const { name, guess, at } of spans(sentence)) {
      const key = name.toLowerCase();
      const c = found.get(key) ?? {
        name,
        votes: { people: 0, organizations: 0, places: 0, unknown: 0 },
        first: offset + at,
      };
      c.votes[guess] += 1;
      found.set(key, c);
    }
    offset += sentence.length + 1;
  }
  const ranked = resolve([...found.values()]);
  const pick = (kind: Kind, limit: number): string[] =>
    ranked
      .filter((e) => e.kind === kind)
      .slice(0, limit)
      .map((e) => e.name);
  const dates = countDates(sentences).slice(0, limits.dates);
  return {
    people: pick('people', limits.people),
    organizations: pick('organizations', limits.organizations),
    places: pick('places', limits.places),
    dates,
  };
}

function* spans(sentence: string): Generator<{ name: string; guess: Guess; at: number }> {
  const tokens: Token[] = [];
  // An exec loop, not matchAll, which copies the regex at every call (see dates.ts).
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(sentence); m; m = TOKEN.exec(sentence)) {
    const possessive = possessiveLength(m[0]);
    const word = possessive ? m[0].slice(0, -possessive) : m[0];
    const cap = startsUpper(word) && !CALENDAR.test(word) && !NOT_ACRONYMS.has(word);
    tokens.push({
      word,
      lower: word.toLowerCase(),
      start: m.index,
      end: m.index + word.length,
      possessive: possessive > 0,
      cap,
    });
  }
  // Tested once per token when it is made: a token is looked at several times below.
  const isCap = (t: Token | undefined): boolean => t?.cap === true;
  // Middle initials join across their dot: "James J. Andrews".
  const joined = (a: Token, b: Token): boolean => {
    const gap = sentence.slice(a.end, b.start);
    return !a.possessive && (gap === ' ' || (gap === '. ' && /^\p{Lu}$/u.test(a.word)));
  };
  let i = 0;
  while (i < tokens.length) {
    if (!isCap(tokens[i])) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length) {
      const cur = tokens[j] as Token;
      const next = tokens[j + 1] as Token;
      if (isCap(next) && joined(cur, next)) j += 1;
      else if (CONNECTORS.has(next.word) && isCap(tokens[j + 2]) && joined(cur, next)) j += 2;
      else break;
    }
    const run = tokens.slice(i, j + 1);
    const after = tokens[j + 1];
    const span = classify(run, {
      sentenceInitial: i === 0 || opensQuote(sentence, tokens[i]?.start ?? 0),
      before: tokens[i - 1],
      attribution: tokens[i - 1]?.word === 'to' && tokens[i - 2]?.word.toLowerCase() === 'according',
      after: after && !(tokens[j] as Token).possessive ? after : undefined,
      sentence,
    });
    if (span) yield span;
    i = j + 1;
  }
}

/** /^\p{Lu}/u, with the answer for ASCII letters and digits (nearly every token) without a regex. */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return true;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return false;
  return /^\p{Lu}/u.test(word);
}

/** Length of a possessive ending ("'s", "’s" or a bare apostrophe), 0 when there is none. */
function possessiveLength(token: string): number {
  const isApostrophe = (code: number) => code === 0x27 || code === 0x2019;
  const last = token.charCodeAt(token.length - 1);
  if (isApostrophe(last)) return 1;
  return last === 0x73 && isApostrophe(token.charCodeAt(token.length - 2)) ? 2 : 0;
}

/** An opening quote or bracket (spaces allowed) right before `at`: a quotation's first word. */
function opensQuote(sentence: string, at: number): boolean {
  // Backwards from `at`, not a regex over the sentence so far: that is quadratic in a long sentence.
  let k = at - 1;
  while (k >= 0 && /\s/u.test(sentence[k] ?? '')) k -= 1;
  return k >= 0 && `"'\u201c\u2018(`.includes(sentence[k] ?? '');
}

interface Context {
  sentenceInitial: boolean;
  before: Token | undefined;
  /** Right after "according to": a source, a person or (when no name list knows it) an agency. */
  attribution: boolean;
  after: Token | undefined;
  sentence: string;
}

function classify(run: Token[], ctx: Context): { name: string; guess: Guess; at: number } | null {
  let t = [...run];
  let titled = !!ctx.before && lookup(ctx.before.lower) === 'role';
  const known = lookup(t.length === 1 ? (t[0] as Token).lower : t.map((x) => x.lower).join(' '));
  if (known === null || known === 'other' || known === 'role') {
    // "Current Peruvian President Alan Garcia" -> "Alan Garcia": everything up to the last title goes.
    const lastTitle = t.findLastIndex((x) => {
      const lower = x.lower.endsWith('.') ? x.lower.slice(0, -1) : x.lower;
      return TITLES.has(lower) || lookup(lower) === 'role';
    });
    if (lastTitle >= 0) {
      titled = true;
      t = t.slice(lastTitle + 1);
    }
    // Leading function words ("The", "But"), a sentence's first common word and demonyms go.
    for (;;) {
      const first = t[0];
      if (!first) return null;
      const lower = first.lower;
      const cls = lookup(lower);
      const common = ctx.sentenceInitial && first === run[0] && cls === 'other';
      if (SKIP.has(lower) || common || (cls === 'demonym' && t.length > 1)) t.shift();
      else break;
    }
  }
  const last = t[t.length - 1];
  if (!last) return null;
  const lastLower = last.lower;
  // "North Korean", "Russian": adjectives, not names.
  if (lookup(lastLower) === 'demonym' || /(?:ian|ean|ese|ish)$/.test(lastLower)) return null;
  const placeSuffix = !!ctx.after && PLACE_SUFFIXES.has(ctx.after.word) && !last.possessive;
  // "U.S." keeps its final dot, which the tokenizer leaves to the sentence.
  const initialsDot = /^(?:\p{Lu}\.)+\p{Lu}$/u.test(last.word) && ctx.sentence[last.end] === '.' ? 1 : 0;
  const end = placeSuffix && ctx.after ? ctx.after.end : last.end + initialsDot;
  const name = ctx.sentence.slice((t[0] as Token).start, end);
  if (name.length < 2 || t.length > 5) return null;
  return { name, guess: guess(t, ctx, titled, placeSuffix), at: (t[0] as Token).start };
}

function guess(t: Token[], ctx: Context, titled: boolean, placeSuffix: boolean): Guess {
  const words = t.map((x) => x.lower);
  const whole = lookup(words.length === 1 ? (words[0] as string) : words.join(' '));
  if (t.length === 1 && ACRONYM_PLACES.has(t[0]?.word ?? '')) return 'places';
  // Acronyms are agencies, parties, companies ("RIA", "NATO"), whatever name they look like.
  if (whole !== 'place' && t.some((x) => ACRONYM.test(x.word))) return 'organizations';
  if (whole === 'person' || ((whole === 'firstName' || whole === 'lastName') && !ctx.sentenceInitial))
    return 'people';
  if (whole === 'place') return 'places';
  if (whole === 'organization') return 'organizations';
  if (placeSuffix) return 'places';
  const lastWord = words[words.length - 1] ?? '';
  const firstCls = lookup(words[0] ?? '');
  if (t.length > 1 && (isOrgWord(lastWord) || isOrgWord(words[0] ?? '') || MORE_ORG_WORDS.has(lastWord))) {
    return 'organizations';
  }
  // "Dan Rivers" is a person, "Clay County" a place: a known first name decides before the last word.
  if (t.length > 1 && (firstCls === 'firstName' || firstCls === 'person')) return 'people';
  if (t.length > 1 && isPlaceWord(lastWord)) return 'places';
  // "U.S.", "U.K." are places; "U.N." is an organisation.
  if (t.some((x) => /^(?:\p{Lu}\.)+\p{Lu}$/u.test(x.word))) {
    return t.length === 1 && t[0]?.word === 'U.N' ? 'organizations' : 'places';
  }
  if (titled && t.length <= 4) return 'people';
  if (t.length > 1 && lookup(lastWord) === 'lastName') return 'people';
  if (ctx.after && SPEECH.has(ctx.after.word) && t.length <= 3) return 'people';
  if (t.length > 1 && MORE_PLACE_WORDS.has(lastWord)) return 'places';
  if (ctx.after && SPOKES.has(ctx.after.word)) return 'organizations';
  if (ctx.attribution && firstCls !== 'firstName' && firstCls !== 'lastName') return 'organizations';
  return 'unknown';
}

interface Resolved {
  name: string;
  kind: Kind;
  count: number;
  first: number;
}

/** One kind per name (majority of its mentions), short forms folded into full names, most mentioned first. */
function resolve(candidates: Candidate[]): Resolved[] {
  const total = (c: Candidate): number =>
    c.votes.people + c.votes.organizations + c.votes.places + c.votes.unknown;
  const kindOf = (c: Candidate): Kind | null => {
    const order: Kind[] = ['people', 'organizations', 'places'];
    let best: Kind | null = null;
    for (const k of order) if (c.votes[k] > 0 && (!best || c.votes[k] > c.votes[best])) best = k;
    return best;
  };
  const known = candidates.flatMap((c) => {
    const kind = kindOf(c);
    return kind ? [{ name: c.name, kind, count: total(c), first: c.first }] : [];
  });
  // A name inside a longer one ("Putin" in "Vladimir Putin", "Armed Services Committee" in "House
  // Armed Services Committee") is that name: its mentions count for the longer one. Every run of
  // words of every known name is indexed once, so finding the longer names costs a lookup, not a
  // scan of all names (a 5 MB article has tens of thousands).
  const split = new Map<string, string[]>();
  const words = (name: string): string[] => {
    let w = split.get(name);
    if (!w) split.set(name, (w = name.split(/[ -]/)));
    return w;
  };
  const byLength = [...known].sort((a, b) => words(b.name).length - words(a.name).length);
  const containing = new Map<string, Resolved[]>();
  for (const e of byLength) {
    const w = words(e.name);
    const runs = new Set<string>();
    for (let i = 0; i < w.length; i += 1) {
      for (let j = i + 1; j <= w.length; j += 1) runs.add(w.slice(i, j).join('\u0000'));
    }
    for (const run of runs) {
      const list = containing.get(run);
      if (list) list.push(e);
      else containing.set(run, [e]);
    }
  }
  const ownOf = new Map<string, Resolved>();
  for (const e of known) if (!ownOf.has(e.name)) ownOf.set(e.name, e);
  const folded = new Set<Resolved>();
  for (const c of [...candidates].sort((a, b) => words(a.name).length - words(b.name).length)) {
    const own = ownOf.get(c.name);
    const longer = (containing.get(words(c.name).join('\u0000')) ?? []).filter(
      (e) => e !== own && !folded.has(e) && e.name.length > c.name.length && (!own || e.kind === own.kind),
    );
    if (longer.length === 0) continue;
    const target = longer.reduce((a, b) => (b.count > a.count ? b : a));
    target.count += own ? own.count : total(c);
    target.first = Math.min(target.first, c.first);
    if (own) folded.add(own);
  }
  return known
    .filter((e) => !folded.has(e))
    .sort((a, b) => b.count - a.count || a.first - b.first || a.name.localeCompare(b.name));
}

function countDates(sentences: string[]): string[] {
  const counts = new Map<string, { name: string; count: number; first: number }>();
  let order = 0;
  for (const s of sentences) {
    for (const d of findDates(s)) {
      const key = d.toLowerCase();
      const c = counts.get(key) ?? { name: d, count: 0, first: order++ };
      c.count += 1;
      counts.set(key, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first).map((c) => c.name);
}
