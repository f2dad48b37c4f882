/**
 * Text hygiene shared by every input path. Invisible characters are removed because they are a
 * common way to hide or scramble text (and they break quote matching); bidi embedding and isolate
 * controls go too, since they can make displayed text differ from its logical order.
 */

// U+200B-U+200F zero-width space/joiners and direction marks, U+2060 word joiner, U+FEFF BOM,
// U+00AD soft hyphen, U+202A-U+202E and U+2066-U+2069 bidi embeddings/overrides/isolates.
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/g;
// NBSP and the other Unicode spaces that look like a space.
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** One paragraph or title: invisible characters gone, any run of whitespace one space, trimmed. */
export function cleanInline(text: string): string {
  return stripInvisible(text).replace(SPACES, ' ').replace(/\s+/g, ' ').trim();
}

/** For multi-line input: unify newlines, drop invisibles, turn odd spaces into plain spaces. */
export function normalizeBlockText(text: string): string {
  return (
    stripInvisible(text)
      .replace(/\r\n?/g, '\n')
      .replace(/[\u2028\u2029\v\f]/g, '\n')
      .replace(SPACES, ' ')
      // Trailing blanks, matched only from the start of a run: /[ \t]+$/gm retried every position of
      // a long run of spaces that does not end a line (quadratic: minutes for 200 KB of spaces).
      .replace(/(?<![ \t])[ \t]+$/gm, '')
  );
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const STARTS_WORD = /[\p{L}\p{N}]/u;
const IN_WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * Words for thresholds; Chinese and Japanese have no spaces, so two characters count as a word.
 * A word starts at a letter or digit and goes on through letters, digits, marks, apostrophes,
 * hyphens and dots; a Chinese or Japanese character ends it. Scanned by hand, one character at a
 * time (a regex match per word cost twice as much on a 5 MiB page). With `atMost`, counting stops
 * there: callers that compare with a threshold need not read a 5 MB text to the end.
 */
export function countWords(text: string, atMost = Infinity): number {
  let words = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    i += code > 0xffff ? 2 : 1;
    if (code < 0x80) {
      const alnum =
        (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
      // Apostrophe, hyphen and dot continue a word; they never start one.
      if (alnum && !inWord) words += 1;
      inWord = alnum || (inWord && (code === 0x27 || code === 0x2d || code === 0x2e));
    } else {
      const ch = String.fromCodePoint(code);
      if (CJK.test(ch)) {
        cjk += 1;
        inWord = false;
      } else if (inWord) {
        inWord = code === 0x2019 || IN_WORD.test(ch);
      } else if (STARTS_WORD.test(ch)) {
        words += 1;
        inWord = true;
      }
    }
    if (words + Math.ceil(cjk / 2) >= atMost) return atMost;
  }
  return words + Math.ceil(cjk / 2);
}

/** Words of all paragraphs, counted up to `atMost` (see countWords). */
export function totalWords(paragraphs: readonly string[], atMost = Infinity): number {
  let n = 0;
  for (const p of paragraphs) {
    n += countWords(p, atMost - n);
    if (n >= atMost) return atMost;
  }
  return n;
}

/** Sentence-final punctuation, allowing closing quotes/brackets after it. */
export function endsLikeSentence(line: string): boolean {
  return /[.!?…。！？:;]["'”’)\]»]*$/.test(line.trim());
}
