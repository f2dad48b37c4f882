import type { Brief } from '../brief.js';
import { footerParts } from './footer.js';

/** Markdown special characters in untrusted text are escaped so an article cannot add links or markup. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

export function renderMarkdown(brief: Brief): string {
  const out: string[] = [];
  out.push(`## ${escapeMarkdown(brief.headline)}`, '');
  out.push(escapeMarkdown(brief.summary.join(' ')), '');
  if (brief.keyFacts.length > 0) {
    out.push('**Key facts**', '');
    for (const fact of brief.keyFacts) {
      out.push(`- ${escapeMarkdown(fact.text)}`, `  > ${escapeMarkdown(fact.quote)}`);
    }
    out.push('');
  }
  const footer = escapeMarkdown(footerParts(brief).join(' · '));
  // The source URL was validated by ingest; it is the only link we emit.
  out.push(brief.source.url ? `_${footer}_ · <${brief.source.url}>` : `_${footer}_`);
  return out.join('\n');
}
