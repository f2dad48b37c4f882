/**
 * Named entities with compromise, cleaned for display: no fragments ("Kim Jong-"), no possessives,
 * no titles ("President"), no lowercase junk ("Russian state"), short forms folded into full names
 * ("Putin" into "Vladimir Putin"), ordered by salience in the whole article.
 *
 * compromise tags about 20 words per millisecond, too slow for whole long articles at the speed we
 * want, so the caller passes only the parts that matter (lead, summary and fact sentences); salience
 * is still counted over the whole text with plain string search.
 */
import nlp from 'compromise';
import type { Entities } from '../../brief.js';
import { findDates } from './dates.js';

interface TermJson {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface MatchJson {
  terms: TermJson[];
}

export interface EntityLimits {
  people: number;
  organizations: number;
  places: number;
  dates: number;
}

export const DEFAULT_ENTITY_LIMITS: EntityLimits = { people: 8, organizations: 6, places: 6, dates: 6 };

const TITLES = new Set(
  (
    'president vice prime minister leader chancellor king queen prince princess pope sen senator rep gov governor ' +
    'mayor gen general col lt sgt capt adm dr mr mrs ms miss prof judge justice chief secretary spokesperson ' +
    'spokesman spokeswoman ambassador officer sheriff coach director chairman ceo former late saint st sir dame lord'
  ).split(' '),
);
const PLACE_NOUNS = new Set(
  'region province county city island islands river valley district territory mountains sea bay coast'.split(
    ' ',
  ),
);
const JUNK = new Set(
  'i he she it we they you his her him them this that these those there here god lord mother father'.split(
    ' ',
  ),
);
const DEMONYM = /^[\p{Lu}][\p{L}]+(?:ian|ean|ese|ish)$/u;

type Kind = 'people' | 'organizations' | 'places';

/** Entities named in `nerText`, ranked by how often `fullText` mentions them. */
export function extractEntities(
  nerText: string,
  fullText: string,
  limits: EntityLimits = DEFAULT_ENTITY_LIMITS,
): Entities {
  const doc = nlp(nerText);
  const found: Record<Kind, string[]> = { people: [], organizations: [], places: [] };
  const collect = (kind: Kind, matches: MatchJson[]): void => {
    for (const m of matches) {
      const name = cleanMatch(nerText, m, kind);
      if (!name) continue;
      // A "person" with an acronym in it is an agency or company ("RIA Novosti").
      const target = kind === 'people' && /\b\p{Lu}{2,}\b/u.test(name) ? 'organizations' : kind;
      found[target].push(name);
    }
  };
  collect('people', doc.people().json({ offset: true }) as MatchJson[]);
  collect('organizations', doc.organizations().json({ offset: true }) as MatchJson[]);
  collect('places', doc.places().json({ offset: true }) as MatchJson[]);

  const seen = new Set<string>();
  const rank = (names: string[], limit: number, fold: boolean): string[] => {
    const ranked = salienceOrder(fold ? foldShortForms(names) : unique(names), fullText).filter(
      (name) => !seen.has(name.toLowerCase()),
    );
    const kept = ranked.slice(0, limit);
    for (const name of kept) seen.add(name.toLowerCase());
    return kept;
  };
  const people = rank(found.people, limits.people, true);
  const organizations = rank(found.organizations, limits.organizations, true);
  const places = rank(found.places, limits.places, true);
  const dates = salienceOrder(unique(findDates(fullText)), fullText).slice(0, limits.dates);
  return { people, organizations, places, dates };
}

function cleanMatch(text: string, m: MatchJson, kind: Kind): string | null {
  const terms = [...m.terms];
  const isLower = (t: TermJson): boolean => !/^[\p{Lu}0-9]/u.test(t.text);
  const isTitle = (t: TermJson): boolean => TITLES.has(t.text.toLowerCase().replace(/\.$/, ''));
  while (terms.length && (isLower(terms[0] as TermJson) || isTitle(terms[0] as TermJson))) terms.shift();
  while (terms.length) {
    const last = terms[terms.length - 1] as TermJson;
    const keep = !isLower(last) || (kind === 'places' && PLACE_NOUNS.has(last.text.toLowerCase()));
    if (keep) break;
    terms.pop();
  }
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (!first || !last) return null;
  let end = last.offset.start + last.offset.length;
  // compromise splits hyphenated names and may keep only the first half ("Kim Jong-" of "Kim Jong-un").
  const rest = /^-[\p{L}]+/u.exec(text.slice(end));
  if (rest) end += rest[0].length;
  const name = text
    .slice(first.offset.start, end)
    .replace(/\s+/g, ' ')
    .replace(/['\u2019]s?$/u, '')
    .replace(/[^\p{L}\p{N}]+$/u, '')
    .trim();
  if (name.length < 2 || JUNK.has(name.toLowerCase()) || !/^[\p{Lu}]/u.test(name)) return null;
  // "Russian", "Korean": adjectives, not entities (compromise tags them Place or Organization).
  if (!name.includes(' ') && DEMONYM.test(name)) return null;
  // Title Case runs from headlines ("Vladimir Putin Meet") are not names: cap the length.
  if (name.split(' ').length > (kind === 'organizations' ? 6 : 4)) return null;
  return name;
}

function unique(names: string[]): string[] {
  const out = new Map<string, string>();
  for (const n of names) if (!out.has(n.toLowerCase())) out.set(n.toLowerCase(), n);
  return [...out.values()];
}

/** "Putin" folds into "Vladimir Putin", "Kim" into "Kim Jong-un": one entity per referent. */
function foldShortForms(names: string[]): string[] {
  const all = unique(names);
  return all.filter((name) => {
    if (name.includes(' ')) return true;
    const longer = all.filter((other) => other !== name && other.split(/[ -]/).includes(name));
    return longer.length === 0;
  });
}

/** Most mentioned first (counting each word of a name, so "Putin" counts for "Vladimir Putin"), then first mentioned. */
function salienceOrder(names: string[], fullText: string): string[] {
  const scored = names.map((name) => {
    const forms = [name, ...name.split(' ').filter((w) => w.length > 2 && /^\p{Lu}/u.test(w))];
    let count = 0;
    let first = Infinity;
    for (const form of forms) {
      const { count: c, first: f } = mentions(fullText, form);
      count = Math.max(count, c);
      first = Math.min(first, f);
    }
    return { name, count, first };
  });
  scored.sort((a, b) => b.count - a.count || a.first - b.first || a.name.localeCompare(b.name));
  return scored.map((s) => s.name);
}

function mentions(text: string, form: string): { count: number; first: number } {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'gu');
  let count = 0;
  let first = Infinity;
  for (const m of text.matchAll(re)) {
    count += 1;
    first = Math.min(first, m.index);
  }
  return { count, first };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
