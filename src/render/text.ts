import type { Brief } from '../brief.js';
import { quoteRepeatsFact } from './fact-display.js';
import { footerParts } from './footer.js';

/** Terminal output: headline, summary, facts with their quotes, and a source line. */
export interface TextStyle {
  width: number;
  color: boolean;
}

const ansi = (code: string, color: boolean) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Greedy word wrap; words longer than the width are left whole rather than broken. */
export function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/**
 * Article text may carry terminal control sequences (an ESC in a scraped page can recolour or
 * retitle a terminal); only printable text reaches the screen.
 */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export function renderText(brief: Brief, style: TextStyle): string {
  const bold = ansi('1', style.color);
  const dim = ansi('2', style.color);
  const width = Math.max(40, Math.min(style.width, 100));
  const out: string[] = [];
  out.push(bold(wrap(stripControl(brief.headline), width)));
  out.push('');
  out.push(wrap(stripControl(brief.summary.join(' ')), width));
  if (brief.keyFacts.length > 0) {
    out.push('');
    out.push(bold('Key facts'));
    for (const fact of brief.keyFacts) {
      out.push(wrap(stripControl(fact.text), width, '    ').replace(/^ {4}/, '  • '));
      if (!quoteRepeatsFact(fact)) out.push(dim(wrap(`“${stripControl(fact.quote)}”`, width, '      ')));
    }
  }
  const people = [...brief.entities.people, ...brief.entities.organizations, ...brief.entities.places];
  if (people.length > 0) {
    out.push('');
    out.push(dim(wrap(`Mentions: ${stripControl(people.join(', '))}`, width)));
  }
  out.push('');
  out.push(dim(wrap(stripControl(footerParts(brief).join(' · ')), width)));
  if (brief.source.url) out.push(dim(stripControl(brief.source.url)));
  return out.join('\n');
}
