/** Word-level helpers shared by the engines: tokens, word counts, content terms. */

// A word: letters and digits, with single inner apostrophes, hyphens, dots or commas ("don't",
// "Jong-un", "3.5", "40,000" are one word); what /[\p{L}\p{N}]+(?:[.,'\u2019-][\p{L}\p{N}]+)*/gu
// matches, scanned by hand (scanWords).

/** The words of a text as written (no punctuation). */
export function words(text: string): string[] {
  return firstWords(text, Infinity);
}

/** The first `n` words of a text (see `words`), without reading past them. */
export function firstWords(text: string, n: number): string[] {
  const out: string[] = [];
  if (n > 0) scanWords(text, (start, end) => out.push(text.slice(start, end)) < n);
  return out;
}

/**
 * The words of a text, scanned by hand (a regex match per word cost more than the rest of the
 * work): `onWord(start, end)` for each, until it returns false. Returns the number of words seen.
 */
function scanWords(text: string, onWord?: (start: number, end: number) => boolean): number {
  let n = 0;
  let start = -1;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    const size = code > 0xffff ? 2 : 1;
    if (isLetterOrDigit(code)) {
      if (start < 0) start = i;
    } else if (!(start >= 0 && isJoiner(code) && isLetterOrDigit(text.codePointAt(i + 1) ?? 0))) {
      // Not "don't", "Jong-un" or "3.5" going on past a joiner: the word, if any, ends here.
      if (start >= 0) {
        n += 1;
        if (onWord && !onWord(start, i)) return n;
      }
      start = -1;
    }
    i += size;
  }
  if (start >= 0) {
    n += 1;
    onWord?.(start, text.length);
  }
  return n;
}

/** Number of words, counted the way readers count them (numbers and hyphenated words are one). */
export function countWords(text: string): number {
  return scanWords(text);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isLetterOrDigit(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(code));
}

/** . , ' ’ - */
function isJoiner(code: number): boolean {
  return code === 0x2e || code === 0x2c || code === 0x27 || code === 0x2019 || code === 0x2d;
}

/** Common English function words: they carry no topic, so overlap on them means nothing. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own said same says say she should so ' +
    'some such than that the their theirs them themselves then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves s t don didn doesn isn wasn weren won according told tell like one two new also us mr mrs ms ' +
    'may might must shall since still though however yet even ago last year years time cnn'
  ).split(' '),
);

/**
 * A crude English stem: enough to match "talks"/"talk" and "reported"/"report" for overlap
 * measures. Not a linguistic stemmer; it only needs to be consistent.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) {
    w = w.slice(0, -1);
  }
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  return w;
}

/** Lower-cased, stemmed content words of a text (stopwords and one-letter words dropped). */
export function contentTerms(text: string, stopwords: ReadonlySet<string> = ENGLISH_STOPWORDS): string[] {
  return termsOfWords(words(text), stopwords);
}

/** contentTerms of a text whose words (see `words`) are already known. */
export function termsOfWords(
  textWords: readonly string[],
  stopwords: ReadonlySet<string> = ENGLISH_STOPWORDS,
): string[] {
  const out: string[] = [];
  for (const raw of textWords) {
    let w = raw.toLowerCase();
    // A possessive "'s" goes (what /['\u2019]s$/ matched, without a regex per word).
    const apostrophe = w.charCodeAt(w.length - 2);
    if (w.endsWith('s') && (apostrophe === 0x27 || apostrophe === 0x2019)) w = w.slice(0, -2);
    if (w.length < 2 || stopwords.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}
