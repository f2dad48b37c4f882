import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Brief } from '../../src/brief.js';
import { quoteRepeatsFact } from '../../src/render/fact-display.js';
import { chatFooterLine } from '../../src/render/footer.js';
import { sourceLink } from '../../src/render/source-link.js';
import { ELLIPSIS, escapeFit, neutralizeMentions } from './escape.js';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBED_URL_MAX,
  THREAD_NAME_MAX,
} from './limits.js';

/** Brief's accent colour, so briefs are recognisable in a busy channel. */
const BRIEF_COLOR = 0x3b82f6;

/**
 * The reply: headline linking to the source, the summary, and where it came from. The link is the
 * URL the user asked for (or its same-site canonical form), as on every surface (source-link.ts).
 */
export function briefEmbed(brief: Brief, requestedUrl: string | null): APIEmbed {
  const title = escapeFit(brief.headline, EMBED_TITLE_MAX);
  // The same caption as every other surface (src/render/footer.ts). Footers render no markdown,
  // so only pings and links need breaking there.
  const footer = escapeFit(chatFooterLine(brief), EMBED_FOOTER_TEXT_MAX, neutralizeMentions);
  const descriptionMax = Math.min(EMBED_DESCRIPTION_MAX, EMBED_TOTAL_MAX - title.length - footer.length);
  const embed: APIEmbed = {
    title,
    description: escapeFit(brief.summary.join(' '), descriptionMax),
    footer: { text: footer },
    color: BRIEF_COLOR,
  };
  const url = sourceLink(brief, requestedUrl, EMBED_URL_MAX);
  if (url) embed.url = url;
  return embed;
}

const ENTITY_LABELS = [
  ['people', 'People'],
  ['organizations', 'Organizations'],
  ['places', 'Places'],
  ['dates', 'Dates'],
] as const;

interface FieldSpec {
  name: string;
  /** Renders the value within `max` characters; re-run with less room when the total is over. */
  value: (max: number) => string;
  inline: boolean;
}

/** The thread message: every key fact with its quote, then the entities; null when there are none. */
export function detailsEmbed(brief: Brief): APIEmbed | null {
  const specs: FieldSpec[] = brief.keyFacts.map((fact, i) => {
    const prefix = `${i + 1}. `;
    // A fact too long for a field name, or whose quote repeats it, goes whole in the value.
    const repeats = quoteRepeatsFact(fact);
    return {
      name: repeats ? `${i + 1}.` : prefix + escapeFit(fact.text, EMBED_FIELD_NAME_MAX - prefix.length),
      value: (max) =>
        repeats ? escapeFit(fact.text.replace(/\s+/g, ' ').trim(), max) : quoteBlock(fact.quote, max),
      inline: false,
    };
  });
  for (const [key, label] of ENTITY_LABELS) {
    const names = brief.entities[key];
    if (names.length === 0) continue;
    specs.push({ name: label, value: (max) => escapeFit(names.join(', '), max), inline: true });
  }
  if (specs.length === 0) return null;
  const title = brief.keyFacts.length > 0 ? 'Key facts' : 'In this article';
  return { title, color: BRIEF_COLOR, fields: fitFields(specs.slice(0, EMBED_FIELDS_MAX), title.length) };
}

/** Thread names render no markdown; they only need to be short and ping-free. */
export function threadName(brief: Brief): string {
  return escapeFit(brief.headline.replace(/\s+/g, ' ').trim(), THREAD_NAME_MAX, neutralizeMentions);
}

/** Sum of the parts Discord counts towards the 6,000-character total of a message's embeds. */
export function embedTextLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** A quote as a Discord block quote; newlines would end the quote, so they become spaces. */
function quoteBlock(quote: string, max: number): string {
  const oneLine = quote.replace(/\s+/g, ' ').trim();
  return `> ${escapeFit(oneLine, Math.max(max - 2, ELLIPSIS.length))}`;
}

/**
 * Renders every field value at the per-field maximum, then, while the embed is over the total,
 * shrinks the values in proportion (facts can be long; six of them at 1,024 would not fit).
 */
const VALUE_FLOOR = 8;

function fitFields(specs: FieldSpec[], reserved: number): APIEmbedField[] {
  const names = specs.reduce((n, s) => n + s.name.length, 0);
  const budget = EMBED_TOTAL_MAX - reserved - names;
  let maxes = specs.map(() => EMBED_FIELD_VALUE_MAX);
  let values = specs.map((s, i) => s.value(maxes[i]!));
  // Each round cuts every value below its current length (down to a floor of a few characters
  // that always fits), so this ends; in practice after one or two rounds.
  for (;;) {
    const total = values.reduce((n, v) => n + v.length, 0);
    if (total <= budget) break;
    const scale = budget / total;
    const next = values.map((v) => Math.max(VALUE_FLOOR, Math.floor(v.length * scale) - 1));
    if (next.every((m, i) => m >= values[i]!.length)) break;
    maxes = next;
    values = specs.map((s, i) => s.value(maxes[i]!));
  }
  return specs.map((s, i) => ({ name: s.name, value: values[i]!, inline: s.inline }));
}
