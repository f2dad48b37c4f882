/**
 * Cutting text to a platform limit without breaking what a reader sees. Lengths are UTF-16 code
 * units (what Slack, Discord and JavaScript count); cuts fall on grapheme boundaries, so no emoji,
 * flag or accented letter is split, and a cut is marked with an ellipsis. Both chat adapters use
 * these with their own escaping (docs/architecture.md, "Platform rules").
 */
export const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to at most `max` code units, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  return takeGraphemes(text, max - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/**
 * Escapes untrusted `text` with `escape` and fits the result into `max`. The raw text is cut
 * before escaping, so every escape stays whole (no dangling backslash, no half `&amp;`, no half a
 * broken mention), and escapes that depend on context (a marker at the start of a line) see the
 * same context they would in the full text.
 */
export function fitEscaped(text: string, max: number, escape: (raw: string) => string): string {
  const full = escape(text);
  if (full.length <= max) return full;
  // Escaping never shortens text, so no more than `max` units of the raw text can fit.
  const graphemes = [...segmenter.segment(takeGraphemes(text, max))].map((s) => s.segment);
  // Largest prefix (in graphemes) whose escaped form plus the ellipsis still fits.
  let lo = 0;
  let hi = graphemes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = escape(graphemes.slice(0, mid).join('').trimEnd()) + ELLIPSIS;
    if (candidate.length <= max) lo = mid;
    else hi = mid - 1;
  }
  const best = escape(graphemes.slice(0, lo).join('').trimEnd()) + ELLIPSIS;
  return best.length <= max ? best : truncate(ELLIPSIS, max);
}

/** The longest whole-grapheme prefix of `text` within `budget` code units. */
function takeGraphemes(text: string, budget: number): string {
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out;
}
