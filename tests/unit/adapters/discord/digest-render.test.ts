import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  MESSAGE_CONTENT_MAX,
  THREAD_NAME_MAX,
} from '../../../../adapters/discord/limits.js';
import { embedTextLength } from '../../../../adapters/discord/render.js';
import {
  digestEmbed,
  digestThreadName,
  maskedLinkUrl,
  storyMessages,
} from '../../../../adapters/discord/render-digest.js';
import { longestDigest, sampleDigest, sampleStory } from '../../../helpers/sample-digest.js';

function expectWithinLimits(embeds: APIEmbed[]) {
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_FOOTER_TEXT_MAX);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_FIELDS_MAX);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX);
      expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    }
    total += embedTextLength(embed);
  }
  expect(total).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
}

/** Masked links `[label](url)` whose `[` is not escaped: the only live links a reader could click. */
const liveMaskedLinks = (text: string) => [...text.matchAll(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)/g)];

describe('digest parent embed', () => {
  it('has the date as title and the numbered stories with linked headlines, lines and sources', () => {
    const embed = digestEmbed(sampleDigest());
    expect(embed.title).toBe('Digest for Monday, March 3, 2025');
    expect(embed.description).toContain(
      '**1. [Story number 1 makes the news](https://news.example/world/story-1)**\nWhat happened in story 1, in one line.\n*Source:* [Example World](https://news.example/world/story-1)',
    );
    expect(embed.description).toMatch(/\*\*3\. /);
    expect(embed.description).toMatch(/follow in the thread\.$/);
    expect(embed.footer).toBeUndefined();
    expectWithinLimits([embed]);
  });

  it('names failed feeds in the footer and every source of a merged story', () => {
    const embed = digestEmbed(
      sampleDigest({
        stories: [
          sampleStory(1, {
            sources: [
              { url: 'https://a.example/x', feedTitle: 'Alpha' },
              { url: 'https://b.example/y', feedTitle: null },
            ],
          }),
        ],
        failedFeeds: [
          { feedUrl: 'https://down.example/rss', title: 'Down Daily', reason: 'It answered 500.' },
        ],
      }),
    );
    expect(embed.description).toContain(
      '*Sources:* [Alpha](https://a.example/x) · [b.example](https://b.example/y)',
    );
    expect(embed.footer?.text).toBe(
      '⚠️ This feed could not be read this time: Down Daily (It answered 500.)',
    );
  });

  it('keeps feed text inert: no pings, no masked links of its own, no links but http(s)', () => {
    const embed = digestEmbed(
      sampleDigest({
        stories: [
          sampleStory(1, {
            headline: '@everyone [Free prize](https://evil.example) <@123>',
            line: '[a](https://evil.example/1) and [b](https://evil.example/2) # not a heading',
            sources: [
              { url: 'javascript:alert(1)', feedTitle: '[Feed](https://evil.example/f) @here' },
              { url: 'https://ok.example/a_(b)', feedTitle: 'Paren' },
            ],
          }),
        ],
        failedFeeds: [{ feedUrl: 'https://x.example', title: '@everyone https://evil.example', reason: 'x' }],
      }),
    );
    const description = embed.description!;
    expect(description).not.toMatch(/@everyone|@here|<@123>/);
    expect(embed.footer!.text).not.toMatch(/@everyone|https:\/\/evil/);
    const links = liveMaskedLinks(description).map((m) => m[2]);
    expect(links).toEqual(['https://ok.example/a_%28b%29']);
  });

  it.each([1, 10, 25, 50])('fits every Discord limit with %i stories at their longest', (n) => {
    const digest = longestDigest(n, 'discord');
    const embed = digestEmbed(digest);
    expectWithinLimits([embed]);
    expect(embed.description).toContain('**1. ');
    if (n <= 10) expect(embed.description).toContain(`**${n}. `);
    expect(embed.footer!.text).toContain('could not be read');
    for (const [, , url] of liveMaskedLinks(embed.description!))
      expect(url).toMatch(/^https:\/\/[^()\s<>]+$/);
    expect(embed.description).not.toMatch(/<@|<!channel>|@here/);
  });
});

describe('digest story messages', () => {
  it('say which story they are, then the brief and its key facts', () => {
    const [message, ...more] = storyMessages(sampleDigest(), 2);
    expect(more).toEqual([]);
    expect(message!.content).toBe('**Story 3 of 3** · Example World');
    expect(message!.embeds.map((e) => e.title)).toEqual(['Story number 3 makes the news', 'Key facts']);
  });

  it('split the brief and the facts over two messages when together they would pass 6,000', () => {
    const digest = longestDigest(10, 'discord');
    for (let i = 0; i < 10; i++) {
      const messages = storyMessages(digest, i);
      expect(messages).toHaveLength(2);
      for (const m of messages) {
        expectWithinLimits(m.embeds);
        expect(m.content.length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
        expect(m.content).not.toMatch(/<@U1>/);
      }
    }
  });

  it('thread names fit', () => {
    expect(digestThreadName(sampleDigest())).toBe('Digest 2025-03-03');
    expect(digestThreadName(sampleDigest()).length).toBeLessThanOrEqual(THREAD_NAME_MAX);
  });

  it.each([
    ['https://a.example/x(1)', 'https://a.example/x%281%29'],
    ['https://a.example/[x]', 'https://a.example/%5Bx%5D'],
    ['javascript:alert(1)', null],
    ['https://u:p@a.example/', null],
    ['not a url', null],
  ])('masked link URL of %s is %s', (raw, expected) => {
    expect(maskedLinkUrl(raw)).toBe(expected);
  });
});
