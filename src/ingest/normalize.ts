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
  return stripInvisible(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\v\f]/g, '\n')
    .replace(SPACES, ' ')
    .replace(/[ \t]+$/gm, '');
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Words for thresholds; Chinese and Japanese have no spaces, so two characters count as a word. */
export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*/gu)?.length ?? 0;
  return words + Math.ceil(cjk / 2);
}

export function totalWords(paragraphs: readonly string[]): number {
  return paragraphs.reduce((n, p) => n + countWords(p), 0);
}

/** Sentence-final punctuation, allowing closing quotes/brackets after it. */
export function endsLikeSentence(line: string): boolean {
  return /[.!?…。！？:;]["'”’)\]»]*$/.test(line.trim());
}
