/**
 * Rule-based sentence splitting for news text. Every sentence keeps its character offsets into the
 * source, so a quote taken from it is a verbatim span of the article (key facts rely on that).
 */

export interface Sentence {
  /** The sentence exactly as it appears in the source: source.slice(start, end). */
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (block of text between blank lines or line breaks) it belongs to. */
  paragraph: number;
  /** Position among all sentences of the text, from 0. */
  index: number;
}

/** Titles before a name: a period after them never ends a sentence ("Mr. Smith", "Gen. Allen"). */
const TITLES = new Set(
  (
    'mr mrs ms mx dr prof st mt ft gen gov sen rep lt col sgt capt cmdr adm rev hon pres supt ' +
    'insp det cpl pvt maj brig messrs sens reps govs atty'
  ).split(' '),
);

/**
 * Abbreviations that usually continue the sentence but can end one ("He moved to the U.S. Then ...").
 * They end a sentence only when the next word is a common sentence opener (see OPENERS).
 */
const ABBREVIATIONS = new Set(
  (
    'jr sr inc ltd co corp bros plc llc dept univ assn est approx vs etc al fig nos vol pp ed eds ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'ave blvd rd hwy ala ariz ark calif colo conn fla ga ill ind kan ky md mass mich minn ' +
    'neb nev okla ore pa tenn tex va vt wash wis wyo e.g i.e a.m p.m'
  ).split(' '),
);

/** Words that typically start a sentence; after an ambiguous abbreviation they signal a boundary. */
const OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our this that these those there but and so ' +
    'yet however in on at for after before when while if as since although though meanwhile still ' +
    'then now also some many most no one two three both all police officials authorities'
  ).split(' '),
);

// Sentence-final punctuation, closing quotes/brackets, whitespace, then what may open a sentence.
const BOUNDARY =
  /([.!?\u2026]+)(["'\u2019\u201d\u00bb)\]]*)(\s+)(?=["'\u2018\u201c\u00ab([\u00bf\u00a1]*[\p{Lu}\p{Lt}0-9])/gu;

const NEXT_WORD = /["'\u2018\u201c(]*([\p{L}0-9]+)/uy;

/** Splits text into sentences; paragraph breaks (any line break) always end a sentence. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const paragraphRe = /[^\n]+/g;
  let paragraph = 0;
  let para: RegExpExecArray | null;
  while ((para = paragraphRe.exec(text))) {
    const body = para[0];
    if (!body.trim()) continue;
    const base = para.index;
    let start = 0;
    BOUNDARY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = BOUNDARY.exec(body))) {
      const punct = m[1] ?? '';
      const closers = m[2] ?? '';
      if (!isBoundary(body, start, m.index, punct, closers, m.index + m[0].length)) continue;
      push(out, text, base + start, base + m.index + punct.length + closers.length, paragraph);
      start = m.index + m[0].length;
    }
    push(out, text, base + start, base + body.length, paragraph);
    paragraph += 1;
  }
  return out;
}

function isBoundary(
  body: string,
  sentenceStart: number,
  at: number,
  punct: string,
  closers: string,
  next: number,
): boolean {
  if (punct !== '.' || closers) return true;
  // The word before the period, found backwards: a regex anchored at the end of the sentence so
  // far would scan all of it at every period, quadratic in a paragraph without line breaks.
  let from = at;
  while (from > sentenceStart && !/\s/.test(body[from - 1] ?? '')) from -= 1;
  // Strip opening brackets/quotes so "(Jan." and "\"Dr." are recognised.
  const word = body.slice(from, at).replace(/^[("'\u2018\u201c[]+/, '');
  const lower = word.toLowerCase();
  NEXT_WORD.lastIndex = next;
  const nextWord = (NEXT_WORD.exec(body)?.[1] ?? '').toLowerCase();
  if (TITLES.has(lower)) return false;
  // "No. 1", "Nos. 3 and 4"; but "he said no." ends a sentence.
  if (lower === 'no' || lower === 'nos') return !/^\d/.test(nextWord);
  // Initials: "George W. Bush", "J. Smith".
  if (/^\p{Lu}$/u.test(word)) return false;
  const isDotted = /^(\p{L}\.)+\p{L}$/u.test(word); // U.S, J.K, a.m, e.g
  if (ABBREVIATIONS.has(lower) || isDotted) {
    // "J.K. Rowling" / "U.S. officials" continue; "... in the U.S. The company ..." ends.
    if (isDotted && /^\p{Lu}(\.\p{Lu})+$/u.test(word) && word.length <= 3 && !OPENERS.has(nextWord)) {
      return false;
    }
    return OPENERS.has(nextWord);
  }
  return true;
}

function push(out: Sentence[], text: string, from: number, to: number, paragraph: number): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  if (end <= start) return;
  out.push({ text: text.slice(start, end), start, end, paragraph, index: out.length });
}

// "LONDON (CNN) --", "Kabul, Afghanistan (CNN) --", "(CNN) --", "(EW.com) --", "WASHINGTON —".
const DATELINE =
  /^\s*(?:[\p{Lu}][\p{L}.'\u2019-]*(?:[ ,]+[\p{Lu}][\p{L}.'\u2019-]*){0,4}\s*)?\([^()\n]{1,40}\)\s*(?:--|\u2014|\u2013|-)\s*/u;
const CAPS_DATELINE =
  /^\s*[\p{Lu}][\p{Lu}.'\u2019 -]{1,30}(?:,\s*[\p{L}. ]{2,25})?\s*(?:--|\u2014|\u2013)\s+/u;

/** Length of a leading dateline ("LONDON (CNN) -- "), or 0; the sentence itself keeps it. */
export function datelineLength(sentence: string): number {
  const m = DATELINE.exec(sentence) ?? CAPS_DATELINE.exec(sentence);
  return m ? m[0].length : 0;
}

/** The sentence for display: without a leading dateline. */
export function stripDateline(sentence: string): string {
  return sentence.slice(datelineLength(sentence));
}
