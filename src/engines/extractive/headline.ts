/**
 * The headline: the article's own title, or, for untitled text, its lead compressed to a
 * headline's length: the main clause when one fits, so that the reader gets a statement rather than
 * the first sentence cut short (the summary then goes on from there, see summarize.ts).
 */
import { countWords } from '../../text/tokens.js';
import { trimForDisplay } from './compress.js';
import { isVerbForm } from './lexicon.js';

/** A headline made from the lead has at most this many words: a glance, not a sentence to read. */
export const HEADLINE_MAX_WORDS = 12;
/** A clause shorter than this ("Police said") says too little to stand as a headline. */
const HEADLINE_MIN_WORDS = 4;

/** Words a cut may not end on: the phrase they open would be left hanging. */
const WEAK_ENDING =
  /^(?:a|an|the|and|or|but|of|to|in|on|at|for|with|by|from|as|that|who|which|whose|is|was|are|were|be|been|has|have|had|will|would|its|their|his|her|this|these|those|than|into|over|after|before|about|can|could|may|might|must|shall|should|did|does|do|not)$/i;

/**
 * Words that open a subordinate or relative clause: what comes before the first of them is usually
 * the main clause ("The Senate passed a bill on Tuesday | that would overhaul ..."); a cut after
 * it would leave a clause fragment, so no cut goes past it.
 */
const CLAUSE_OPENER =
  /^(?:that|which|who|whose|whom|where|when|while|after|before|as|because|since|until|amid|despite|following|although|though|saying|prompting|leaving|sending|including|according)$/i;
/** Words that open a trailing phrase a headline can drop ("... into courts | for the first time"). */
const PHRASE_OPENER =
  /^(?:in|on|at|for|by|from|with|over|into|against|during|across|near|under|without|through)$/i;

/** A short phrase in front of the main clause ("After intense diplomacy, ..."): the headline starts after it. */
const FRONTED =
  /^(?:after|before|following|amid|despite|in|on|at|during|as|when|while|with|since|although|though|once|because|if|for)\b[^,;]{0,60},\s+/i;

/** True when the headline is made from the lead sentence rather than taken from a title. */
export function headlineFromLead(article: { title: string | null }): boolean {
  return !article.title?.trim();
}

export function makeHeadline(title: string | null, lead: string | undefined): string {
  const t = title?.replace(/\s+/g, ' ').trim();
  if (t) return t;
  return compressLead(lead ?? '') || 'Untitled';
}

/**
 * The lead as a headline of at most HEADLINE_MAX_WORDS words: no dateline, attribution or
 * parenthesis; the longest main-clause prefix that fits (cut before a clause opener, or at a
 * comma, semicolon or dash, and holding a verb), else the first words up to a strong word and an
 * ellipsis. Cuts fall between words only.
 */
export function compressLead(lead: string): string {
  let sentence = trimForDisplay(lead)
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!;:,]+$/, '');
  const fronted = FRONTED.exec(sentence);
  if (fronted && countWords(sentence.slice(fronted[0].length)) >= HEADLINE_MIN_WORDS + 2)
    sentence = sentence.slice(fronted[0].length);
  const tokens = sentence.split(' ').filter(Boolean);
  if (countWords(sentence) <= HEADLINE_MAX_WORDS) return capitalise(sentence);

  let best = -1;
  let counted = 0;
  for (let i = 0; i < tokens.length - 1; i += 1) {
    counted += countWords(tokens[i] ?? '');
    if (counted > HEADLINE_MAX_WORDS) break;
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    // "said that ...", "believe that ...": the verb's object, not a clause that can be dropped.
    const clause =
      CLAUSE_OPENER.test(next) && !(/^that$/i.test(next) && isVerbForm(bare(token).toLowerCase(), true));
    const boundary =
      clause || PHRASE_OPENER.test(next) || /[,;:]$/.test(token) || /^(?:--|\u2014|\u2013)$/.test(next);
    if (
      boundary &&
      counted >= HEADLINE_MIN_WORDS &&
      !WEAK_ENDING.test(bare(token)) &&
      hasVerb(tokens.slice(1, i + 1))
    )
      best = i;
    if (clause) break;
  }
  if (best >= 0) return capitalise(join(tokens.slice(0, best + 1)));

  // No clause fits: the first words, ending on a word that ends a phrase, marked as cut.
  const kept: string[] = [];
  counted = 0;
  for (const token of tokens) {
    counted += countWords(token);
    if (counted > HEADLINE_MAX_WORDS) break;
    kept.push(token);
  }
  while (kept.length > 1 && WEAK_ENDING.test(bare(kept[kept.length - 1] ?? ''))) kept.pop();
  return `${capitalise(join(kept))}\u2026`;
}

const bare = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

function join(tokens: string[]): string {
  return tokens.join(' ').replace(/[\s,;:\u2014\u2013-]+$/, '');
}

function hasVerb(tokens: string[]): boolean {
  return tokens.some((t) => {
    const w = bare(t);
    return w !== '' && w === w.toLowerCase() && isVerbForm(w);
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
