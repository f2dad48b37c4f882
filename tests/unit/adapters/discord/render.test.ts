import { readFileSync } from 'node:fs';
import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BRIEF_SCHEMA_VERSION, KEY_FACTS_MAX, type Brief } from '../../../../src/brief.js';
import {
  BOT_PERMISSIONS,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  THREAD_NAME_MAX,
} from '../../../../adapters/discord/limits.js';
import {
  briefEmbed,
  detailsEmbed,
  embedTextLength,
  threadName,
} from '../../../../adapters/discord/render.js';

function brief(overrides: Partial<Brief> = {}): Brief {
  return {
    version: BRIEF_SCHEMA_VERSION,
    headline: 'Port opens solar ferry terminal',
    summary: ['The port opened a solar-powered terminal.', 'It cost 38 million euros.'],
    keyFacts: [
      { text: 'Cost 38 million euros', quote: 'The terminal cost 38 million euros' },
      { text: '6,200 panels', quote: 'Its roof carries 6,200 solar panels' },
      { text: 'Cuts 4,000 tonnes', quote: 'cut the port’s carbon emissions by roughly 4,000 tonnes a year' },
    ],
    entities: {
      people: ['Tomas Berg'],
      organizations: ['Kvarn'],
      places: ['Westhaven', 'Norrvik'],
      dates: [],
    },
    source: {
      url: 'https://www.coastal.example/news/terminal',
      title: 'Port opens',
      siteName: 'Coastal Daily',
      byline: null,
      publishedTime: null,
    },
    stats: { words: 420, readingMinutes: 2 },
    language: 'en',
    extraction: { status: 'ok' },
    engine: { name: 'extractive' },
    length: 'standard',
    ...overrides,
  };
}

function expectWithinLimits(embed: APIEmbed) {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_MAX);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_FOOTER_TEXT_MAX);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_FIELDS_MAX);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
  }
  expect(embedTextLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
}

const ASKED = 'https://www.coastal.example/news/terminal';

describe('the reply embed', () => {
  it('links the headline to the source and carries the summary', () => {
    const embed = briefEmbed(brief(), ASKED);
    expect(embed.title).toBe('Port opens solar ferry terminal');
    expect(embed.url).toBe('https://www.coastal.example/news/terminal');
    expect(embed.description).toBe('The port opened a solar-powered terminal. It cost 38 million euros.');
  });

  it('shows the shared footer: site, reading time and engine, and the extraction note only when not ok', () => {
    expect(briefEmbed(brief(), ASKED).footer?.text).toBe('Coastal Daily · 2 min read · extractive');
    const thin = brief({
      extraction: { status: 'thin', note: 'based on a teaser' },
      engine: { name: 'llm', model: 'gpt-4.1-mini' },
    });
    expect(briefEmbed(thin, ASKED).footer?.text).toBe(
      '⚠️ Coastal Daily · 2 min read · llm (gpt-4.1-mini) · based on a teaser',
    );
  });

  it('links to the URL the user asked for, not a canonical URL on another site', () => {
    const moved = brief({
      source: { ...brief().source, url: 'https://elsewhere.example/story' },
    });
    expect(briefEmbed(moved, ASKED).url).toBe(ASKED);
  });

  it('leaves out a source URL too long for Discord rather than have the reply refused', () => {
    const url = `https://news.example/${'a'.repeat(3000)}`;
    const embed = briefEmbed(
      brief({ source: { url, title: null, siteName: null, byline: null, publishedTime: null } }),
      url,
    );
    expect(embed.url).toBeUndefined();
    expect(embed.footer?.text).toMatch(/^news\.example · /);
  });

  it('has no link for pasted text', () => {
    const embed = briefEmbed(
      brief({ source: { url: null, title: null, siteName: null, byline: null, publishedTime: null } }),
      null,
    );
    expect(embed.url).toBeUndefined();
    // No site to name: the footer starts with the reading time, as on every surface.
    expect(embed.footer?.text).toBe('2 min read · extractive');
  });
});

describe('the thread message', () => {
  it('shows a fact once when its quote only repeats it', () => {
    const sentence = 'The ferry terminal opened on Monday with room for 2,000 passengers a day.';
    const embed = detailsEmbed(brief({ keyFacts: [{ text: sentence, quote: `However, ${sentence}` }] }))!;
    expect(embed.fields?.[0]).toEqual({ name: '1.', value: sentence, inline: false });
  });

  it('gives each key fact with its quote, then the entities', () => {
    const embed = detailsEmbed(brief())!;
    expect(embed.title).toBe('Key facts');
    expect(embed.fields?.slice(0, 3)).toEqual([
      { name: '1. Cost 38 million euros', value: '> The terminal cost 38 million euros', inline: false },
      { name: '2. 6,200 panels', value: '> Its roof carries 6,200 solar panels', inline: false },
      {
        name: '3. Cuts 4,000 tonnes',
        value: '> cut the port’s carbon emissions by roughly 4,000 tonnes a year',
        inline: false,
      },
    ]);
    expect(embed.fields?.slice(3)).toEqual([
      { name: 'People', value: 'Tomas Berg', inline: true },
      { name: 'Organizations', value: 'Kvarn', inline: true },
      { name: 'Places', value: 'Westhaven, Norrvik', inline: true },
    ]);
  });

  it('is left out when there is nothing to put in it', () => {
    const none = brief({ keyFacts: [], entities: { people: [], organizations: [], places: [], dates: [] } });
    expect(detailsEmbed(none)).toBeNull();
  });

  it('keeps a multi-line quote inside one block quote', () => {
    const embed = detailsEmbed(
      brief({ keyFacts: [{ text: 'Two lines', quote: 'first line\n\nsecond line' }] }),
    )!;
    expect(embed.fields?.[0]?.value).toBe('> first line second line');
  });
});

describe('limits', () => {
  it('renders the longest possible brief within every Discord limit', () => {
    // Long, markdown-heavy (escaping doubles it) and full of surrogate pairs.
    const huge = (seed: string) => `${seed} **bold** [x](https://e.example) @everyone 👨‍👩‍👧‍👦 `.repeat(400);
    const longest = brief({
      headline: huge('Headline'),
      summary: [huge('One.'), huge('Two.'), huge('Three.')],
      keyFacts: Array.from({ length: KEY_FACTS_MAX }, (_, i) => ({
        text: huge(`Fact ${i}`),
        quote: huge(`Quote ${i}`),
      })),
      entities: {
        people: Array.from({ length: 200 }, (_, i) => `Person ${i} *`),
        organizations: Array.from({ length: 200 }, (_, i) => `Org ${i} _`),
        places: Array.from({ length: 200 }, (_, i) => `Place ${i} ~`),
        dates: Array.from({ length: 200 }, (_, i) => `Day ${i} |`),
      },
      source: {
        url: `https://news.example/${'a'.repeat(1500)}`,
        title: null,
        siteName: null,
        byline: null,
        publishedTime: null,
      },
      stats: { words: 999_999, readingMinutes: 5000 },
      extraction: { status: 'paywalled', note: huge('Note') },
      engine: { name: 'llm', model: 'm'.repeat(3000), fallbackReason: 'x' },
    });
    const main = briefEmbed(longest, longest.source.url);
    expectWithinLimits(main);
    expect(main.description!.length).toBeGreaterThan(1000);
    const details = detailsEmbed(longest)!;
    expectWithinLimits(details);
    expect(details.fields).toHaveLength(KEY_FACTS_MAX + 4);
    expect(threadName(longest).length).toBeLessThanOrEqual(THREAD_NAME_MAX);
    for (const text of [main.title, main.description, ...details.fields!.map((f) => f.value)]) {
      expect(text).not.toMatch(/@everyone/);
    }
  });
});

describe('invite permissions', () => {
  it('are View Channel, Send Messages (digests), Embed Links, Create Public Threads and Send Messages in Threads, as the guide says', () => {
    expect(BOT_PERMISSIONS).toBe(1024n + 2048n + 16384n + 34359738368n + 274877906944n);
    const guide = readFileSync(new URL('../../../../docs/discord.md', import.meta.url), 'utf8');
    expect(guide).toContain(`permissions=${BOT_PERMISSIONS}`);
    expect(guide).toContain('scope=bot+applications.commands');
  });
});
