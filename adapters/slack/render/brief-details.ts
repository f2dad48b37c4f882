import type { Brief, Entities } from '../../../src/brief.js';
import { quoteRepeatsFact } from '../../../src/render/fact-display.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_CONTEXT_ELEMENTS, MAX_FALLBACK_TEXT } from '../limits.js';
import { context, packBlocks, section, type Block, type RenderedMessage } from './blocks.js';

const FACT_TEXT_MAX = 600;
const QUOTE_MAX = 1_500;
const ENTITY_MAX = 100;
const ENTITIES_PER_KIND = 12;

const ENTITY_LABELS: Record<keyof Entities, string> = {
  people: 'People',
  organizations: 'Organizations',
  places: 'Places',
  dates: 'Dates',
};

/**
 * The thread reply: each key fact with the verbatim quote that backs it, then the entities. Split
 * across several replies when it would pass the per-message limits; empty when there is nothing.
 */
export function renderBriefDetails(brief: Brief): RenderedMessage[] {
  const blocks: Block[] = [];
  if (brief.keyFacts.length > 0) {
    blocks.push(section('*Key facts*'));
    brief.keyFacts.forEach((fact, i) => {
      // A quote spanning lines would leave the blockquote after its first line.
      const quote = fitMrkdwn(fact.quote.replace(/\s+/g, ' '), QUOTE_MAX);
      blocks.push(
        section(
          quoteRepeatsFact(fact)
            ? `*${i + 1}.* ${fitMrkdwn(fact.text, FACT_TEXT_MAX)}`
            : `*${i + 1}.* ${fitMrkdwn(fact.text, FACT_TEXT_MAX)}\n>“${quote}”`,
        ),
      );
    });
  }
  const entityLines = (Object.keys(ENTITY_LABELS) as Array<keyof Entities>)
    .filter((kind) => brief.entities[kind].length > 0)
    .map((kind) => entityLine(ENTITY_LABELS[kind], brief.entities[kind]))
    .slice(0, MAX_CONTEXT_ELEMENTS);
  if (entityLines.length > 0) blocks.push(context(entityLines));
  if (blocks.length === 0) return [];

  const pages = packBlocks(blocks);
  const headline = brief.headline;
  return pages.map((page, i) => ({
    blocks: page,
    text: fitMrkdwn(
      pages.length > 1 ? `Key facts (${i + 1}/${pages.length}): ${headline}` : `Key facts: ${headline}`,
      MAX_FALLBACK_TEXT,
    ),
  }));
}

/** At most 12 names of at most 100 characters: a line stays under ~1,300 characters. */
function entityLine(label: string, names: string[]): string {
  const shown = names.slice(0, ENTITIES_PER_KIND).map((n) => fitMrkdwn(n, ENTITY_MAX));
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : '';
  return `*${label}:* ${shown.join(', ')}${more}`;
}
