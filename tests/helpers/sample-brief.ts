import { BRIEF_SCHEMA_VERSION, type Brief } from '../../src/brief.js';

/** A valid Brief for renderer tests; override any field. */
export function sampleBrief(overrides: Partial<Brief> = {}): Brief {
  return {
    version: BRIEF_SCHEMA_VERSION,
    headline: 'Kim and Putin meet in Russia’s Far East',
    summary: ['The two leaders met on Wednesday.', 'Arms supplies were expected to be discussed.'],
    keyFacts: [
      {
        text: 'The summit took place in Russia’s Far East',
        quote: 'met on Wednesday at a location in Russia’s Far East',
      },
      { text: 'Munitions were on the agenda', quote: 'provide the munitions required by the Russian army' },
      { text: 'Officials watched closely', quote: 'The world is closely observing these talks' },
    ],
    entities: {
      people: ['Kim Jong-un', 'Vladimir Putin'],
      organizations: [],
      places: ['Russia'],
      dates: ['Wednesday'],
    },
    source: {
      url: 'https://news.example/world/summit',
      title: 'Summit',
      siteName: 'Example News',
      byline: null,
      publishedTime: null,
    },
    stats: { words: 480, readingMinutes: 2 },
    language: 'en',
    extraction: { status: 'ok' },
    engine: { name: 'extractive' },
    length: 'standard',
    ...overrides,
  };
}
