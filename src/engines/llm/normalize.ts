/**
 * Text normalisation for grounding: models re-type quotes with straight quote marks, plain hyphens,
 * other spacing and case, so a verbatim check compares normalised forms. The map back to the
 * original offsets lets us return the article's own span, not the model's retyping.
 */

const QUOTE_SINGLE = /[\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u0060]/u;
const QUOTE_DOUBLE = /[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb]/u;
const DASH = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/u;
const SPACE = /[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/u;

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`, the offset in the original of the character it came from. */
  origin: number[];
}

/** Normalises one character (as a string of one code point); '' drops it, ' ' is a space. */
function normalizeChar(ch: string): string {
  if (SPACE.test(ch)) return ' ';
  if (QUOTE_SINGLE.test(ch)) return "'";
  if (QUOTE_DOUBLE.test(ch)) return '"';
  if (DASH.test(ch)) return '-';
  if (ch === '\u2026') return '...';
  // Soft hyphen and zero-width joiners are invisible in the article and never retyped by a model.
  if (ch === '\u00ad' || ch === '\u200c' || ch === '\u200d') return '';
  // NFKC folds ligatures and full-width forms ("ﬁ" -> "fi").
  return ch.normalize('NFKC').toLowerCase();
}

export function normalizeWithMap(input: string): NormalizedText {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const ch of input) {
    const n = normalizeChar(ch);
    for (const unit of n) {
      // Collapse runs of spaces and drop leading ones, so spacing differences never matter.
      if (unit === ' ' && (text.length === 0 || text.endsWith(' '))) continue;
      text += unit;
      for (let i = 0; i < unit.length; i++) origin.push(offset);
    }
    offset += ch.length;
  }
  while (text.endsWith(' ')) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return { text, origin };
}

export function normalize(input: string): string {
  return normalizeWithMap(input).text;
}
