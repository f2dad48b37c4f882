/** The headline: the article's own title, or one made from its lead sentence. */
import { stripDateline } from '../../text/sentences.js';

/** Headline-ish: most news headlines fit in about 90 characters. */
export const HEADLINE_MAX_CHARS = 90;

const WEAK_ENDING =
  /\s+(?:a|an|the|and|or|but|of|to|in|on|at|for|with|by|from|as|that|who|which|is|was|are|were)$/i;

export function makeHeadline(title: string | null, lead: string | undefined): string {
  const t = title?.replace(/\s+/g, ' ').trim();
  if (t) return t;
  const sentence = stripDateline(lead ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  if (sentence.length <= HEADLINE_MAX_CHARS) return sentence || 'Untitled';
  const head = sentence.slice(0, HEADLINE_MAX_CHARS + 1);
  // Prefer ending at a clause boundary, else at a word boundary.
  const clause = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(' -- '));
  let cut = clause >= 40 ? head.slice(0, clause) : head.slice(0, Math.max(head.lastIndexOf(' '), 1));
  while (WEAK_ENDING.test(cut)) cut = cut.replace(WEAK_ENDING, '');
  return `${cut.replace(/[,;:\s-]+$/, '')}\u2026`;
}
