import type { Digest, DigestStory } from '../../src/digest/types.js';
import { sampleBrief } from './sample-brief.js';

/** A story for renderer tests; override any field. */
export function sampleStory(n: number, overrides: Partial<DigestStory> = {}): DigestStory {
  const url = `https://news.example/world/story-${n}`;
  return {
    key: `story-${n}`,
    headline: `Story number ${n} makes the news`,
    line: `What happened in story ${n}, in one line.`,
    sources: [{ url, feedTitle: 'Example World' }],
    publishedAt: Date.UTC(2025, 2, 3, 6, n),
    brief: sampleBrief({
      headline: `Story number ${n} makes the news`,
      source: { url, title: null, siteName: 'Example News', byline: null, publishedTime: null },
    }),
    ...overrides,
  };
}

export function sampleDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    channel: { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0CHANNEL' },
    localDate: '2025-03-03',
    timezone: 'Europe/Berlin',
    stories: [1, 2, 3].map((n) => sampleStory(n)),
    failedFeeds: [],
    ...overrides,
  };
}

const huge = (word: string, length: number) =>
  `${word} `.repeat(Math.ceil(length / (word.length + 1))).slice(0, length);

/**
 * The worst digest renderers must still fit: `stories` stories with huge headlines, lines, URLs and
 * many sources each, briefs at every maximum, and many failed feeds with long names and reasons.
 */
export function longestDigest(stories = 10, platform: 'slack' | 'discord' = 'slack'): Digest {
  const longUrl = (n: number) => `https://news.example/${'a'.repeat(1900)}/${n}?q=${'&<>|'.repeat(20)}`;
  return {
    channel: { platform, workspaceId: 'W1', channelId: 'C1' },
    localDate: '2025-03-03',
    timezone: 'America/Argentina/ComodRivadavia',
    stories: Array.from({ length: stories }, (_, i) =>
      sampleStory(i + 1, {
        headline: huge('<!channel> Headline&', 3000),
        line: huge('@here line [x](https://evil.example)', 3000),
        sources: Array.from({ length: 12 }, (_, j) => ({
          url: j % 2 ? longUrl(j) : `https://feed${j}.example/item/${i}`,
          feedTitle: huge(`Feed ${j} <@U1>`, 500),
        })),
        brief: sampleBrief({
          headline: huge('Brief <headline>', 3000),
          summary: [huge('Summary & more', 3000), huge('Second', 3000), huge('Third', 3000)],
          keyFacts: Array.from({ length: 6 }, (_, k) => ({
            text: huge(`Fact ${k} <!here>`, 3000),
            quote: huge(`Quote ${k} *bold*`, 5000),
          })),
          entities: {
            people: Array.from({ length: 40 }, (_, k) => huge(`Person ${k}`, 300)),
            organizations: Array.from({ length: 40 }, (_, k) => huge(`Org ${k}`, 300)),
            places: Array.from({ length: 40 }, (_, k) => huge(`Place ${k}`, 300)),
            dates: Array.from({ length: 40 }, (_, k) => huge(`Date ${k}`, 300)),
          },
          source: {
            url: longUrl(99),
            title: huge('Title', 3000),
            siteName: huge('Site', 3000),
            byline: huge('Byline', 3000),
            publishedTime: null,
          },
          extraction: { status: 'paywalled', note: huge('Note', 3000) },
        }),
      }),
    ),
    failedFeeds: Array.from({ length: 30 }, (_, i) => ({
      feedUrl: `https://broken${i}.example/${'x'.repeat(1500)}`,
      title: huge(`Broken <!everyone> feed ${i}`, 600),
      reason: huge('The feed answered 500 & gave up', 600),
    })),
  };
}
