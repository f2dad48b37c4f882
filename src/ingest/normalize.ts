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

const CJK_CHAR = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]`;
// One pass: a Chinese or Japanese character, or a word of other letters (CJK characters end it).
const WORD_OR_CJK = new RegExp(
  `(${CJK_CHAR})|(?!${CJK_CHAR})[\\p{L}\\p{N}](?:(?!${CJK_CHAR})[\\p{L}\\p{N}\\p{M}'’\\-.])*`,
  'gu',
);

/**
 * Words for thresholds; Chinese and Japanese have no spaces, so two characters count as a word.
 * With `atMost`, counting stops there: callers that compare with a threshold need not read a
 * 5 MB text to the end.
 */
export function countWords(text: string, atMost = Infinity): number {
  let words = 0;
  let cjk = 0;
  WORD_OR_CJK.lastIndex = 0;
  for (let m = WORD_OR_CJK.exec(text); m; m = WORD_OR_CJK.exec(text)) {
    if (m[1] === undefined) words += 1;
    else cjk += 1;
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
