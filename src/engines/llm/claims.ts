import { normalize } from './normalize.js';

/**
 * The checkable claims in a sentence a model wrote: numbers and capitalised words (names, places,
 * organisations, months and weekdays, so dates too). A claim the article never mentions is the
 * typical hallucination ("$5.7 million" becoming "$7.5 million", a made-up spokesperson).
 */

const WORD = /[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const CAPITALISED = /^\p{Lu}/u;

/** Function words that start sentences; capitalised there, they claim nothing. */
const SENTENCE_STARTERS = new Set(
  (
    'a an the this that these those it its he she they we i you his her their our my your there here ' +
    'in on at by for from with without after before during since until while when where as if but and or ' +
    'so yet also however meanwhile despite although though according both all some many most several ' +
    'no not one two three four five six seven eight nine ten another other such each every more less ' +
    'about among under over into through between against toward towards amid once then now still only'
  ).split(' '),
);

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  twice: 2,
  once: 1,
  single: 1,
  double: 2,
  triple: 3,
  half: 0.5,
};

/** "1,200" and "1200" are the same number; "5.70" and "5.7" too. */
function canonicalNumber(raw: string): string {
  let n = raw.replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (n.includes('.')) n = n.replace(/0+$/, '').replace(/\.$/, '');
  return n;
}

function wordVariants(word: string): string[] {
  const w = word.replace(/'s$/, '');
  const out = [w];
  if (w.endsWith('s')) out.push(w.slice(0, -1));
  if (w.endsWith('es')) out.push(w.slice(0, -2));
  return out;
}

export interface ClaimIndex {
  words: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
}

/** Indexes the article's words and numbers (number words count as their digits). */
export function claimIndex(article: string): ClaimIndex {
  const text = normalize(article);
  const words = new Set<string>();
  const numbers = new Set<string>();
  for (const token of text.match(WORD) ?? []) {
    for (const v of wordVariants(token)) words.add(v);
    // "twenty-one", "twenty one" -> 21
    const parts = token.split('-');
    const values = parts.map((p) => NUMBER_WORDS[p]);
    if (values.every((v) => v !== undefined)) {
      numbers.add(String(values.reduce((a, b) => a + b, 0)));
      for (const v of values) numbers.add(String(v));
    }
  }
  for (const m of text.match(NUMBER) ?? []) numbers.add(canonicalNumber(m));
  return { words, numbers };
}

export interface ClaimCheckOptions {
  /**
   * Off when names cannot be compared word for word: a brief written in another language than the
   * article's, or a language that capitalises every noun (German).
   */
  checkNames: boolean;
}

/** The numbers and names in `sentence` that appear nowhere in the article; empty = grounded. */
export function unsupportedClaims(sentence: string, index: ClaimIndex, options: ClaimCheckOptions): string[] {
  const text = normalize(sentence);
  const out: string[] = [];
  for (const m of text.match(NUMBER) ?? []) {
    const n = canonicalNumber(m);
    if (!index.numbers.has(n)) out.push(m);
  }
  if (!options.checkNames) return out;
  // Case is lost by normalize(); find capitals in the original, compare in normalised form.
  const tokens = [...sentence.matchAll(WORD)];
  tokens.forEach((m, i) => {
    const token = m[0];
    if (!CAPITALISED.test(token)) return;
    // Any word is capitalised at a sentence start ("Deliberations began"): only a following
    // capitalised word ("John Smith said") makes it a name there.
    const atStart = /(^|[.!?:;]["'\u201d\u2019)]*)\s*["'\u201c\u2018(]*$/u.test(sentence.slice(0, m.index));
    if (atStart && !CAPITALISED.test(tokens[i + 1]?.[0] ?? '')) return;
    const lower = normalize(token);
    if (SENTENCE_STARTERS.has(lower)) return;
    if (wordVariants(lower).some((v) => index.words.has(v) || index.words.has(`${v}s`))) return;
    // "Obama-era": each part must be known.
    const parts = lower.split('-');
    if (parts.length > 1 && parts.every((p) => index.words.has(p) || SENTENCE_STARTERS.has(p))) return;
    out.push(token);
  });
  return out;
}
