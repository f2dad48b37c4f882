import { describe, expect, it } from 'vitest';
import { headlineOnlyBrief, LINE_MAX, storyLine } from '../../../src/digest/story.js';
import { BriefSchema } from '../../../src/brief.js';
import { sampleBrief } from '../../helpers/sample-brief.js';

describe('storyLine', () => {
  it('is the first summary sentence', () => {
    const brief = sampleBrief({ summary: ['The two leaders met on Wednesday. They talked for hours.'] });
    expect(storyLine(brief, 'Kim and Putin meet', null)).toBe('The two leaders met on Wednesday.');
  });

  it('skips a sentence that only repeats the headline', () => {
    const brief = sampleBrief({
      summary: ['Kim and Putin meet in Russia.', 'Arms supplies were discussed.'],
    });
    expect(storyLine(brief, 'Kim and Putin meet in Russia', null)).toBe('Arms supplies were discussed.');
  });

  it('uses the feed summary when the brief has nothing beyond the headline', () => {
    const brief = sampleBrief({ summary: ['Kim and Putin meet in Russia.'] });
    expect(storyLine(brief, 'Kim and Putin meet in Russia', 'Talks centred on munitions.')).toBe(
      'Talks centred on munitions.',
    );
  });

  it('shortens a long sentence at a word boundary', () => {
    const long = `${'The committee discussed the proposal at great length '.repeat(8)}and then adjourned.`;
    const line = storyLine(sampleBrief({ summary: [long] }), 'Committee meets', null);
    expect(line.length).toBeLessThanOrEqual(LINE_MAX);
    expect(line.endsWith('…')).toBe(true);
    expect(line).toMatch(/\b\w+…$/);
  });
});

describe('headlineOnlyBrief', () => {
  it('is a valid Brief that says it only had the headline', () => {
    const brief = headlineOnlyBrief({
      key: 'k',
      linkKey: null,
      title: 'Harbour closes',
      link: 'https://news.example/h',
      sharedLink: false,
      summary: 'The harbour closed for the storm.',
      content: null,
      publishedAt: Date.UTC(2025, 0, 1),
      firstSeenAt: 0,
    });
    expect(BriefSchema.safeParse(brief).success).toBe(true);
    expect(brief.extraction.status).toBe('thin');
    expect(brief.summary).toEqual(['The harbour closed for the storm.']);
  });
});
