import { describe, expect, it } from 'vitest';
import { groundOutput, isSufficient } from '../../../../src/engines/llm/grounding.js';

const article = [
  'Los Angeles (CNN) \u2014 A jury began deliberating Wednesday in actress Nicollette Sheridan\u2019s lawsuit against Marc Cherry.',
  'Sheridan is asking for $5.7 million in damages from ABC and Cherry.',
  'A verdict requires the agreement of nine jurors.',
].join('\n\n');

const good = {
  headline: 'Jury deliberates in Sheridan lawsuit',
  summary: ['A jury began deliberating in Nicollette Sheridan\u2019s lawsuit against Marc Cherry.'],
  keyFacts: [
    { text: 'Sheridan seeks $5.7 million', quote: 'Sheridan is asking for $5.7 million in damages' },
    { text: 'Nine jurors must agree', quote: 'A verdict requires the agreement of nine jurors.' },
  ],
};
const opts = { checkNames: true };

describe('grounding', () => {
  it('keeps grounded facts and returns the article\u2019s verbatim quotes', () => {
    const out = groundOutput(
      {
        ...good,
        keyFacts: [{ text: 'Deliberations began Wednesday', quote: '"a jury began deliberating wednesday"' }],
      },
      article,
      opts,
    );
    expect(out.keyFacts).toEqual([
      { text: 'Deliberations began Wednesday', quote: 'A jury began deliberating Wednesday' },
    ]);
    expect(article).toContain(out.keyFacts[0]!.quote);
    expect(out).toMatchObject({ kept: 1, dropped: 0, summaryDropped: 0, headline: good.headline });
  });

  it('drops a fact that only restates a summary sentence', () => {
    const out = groundOutput(
      {
        ...good,
        keyFacts: [
          ...good.keyFacts,
          {
            text: 'A jury began deliberating in the lawsuit against Marc Cherry',
            quote: 'A jury began deliberating Wednesday in actress Nicollette Sheridan',
          },
        ],
      },
      article,
      opts,
    );
    expect(out.kept).toBe(2);
    expect(out.drops).toEqual([{ item: 'fact', index: 2, reason: 'repeats_summary' }]);
  });

  it('drops a fact whose quote was fabricated', () => {
    const out = groundOutput(
      {
        ...good,
        keyFacts: [...good.keyFacts, { text: 'Cherry apologised', quote: 'Cherry apologised to the cast' }],
      },
      article,
      opts,
    );
    expect(out.kept).toBe(2);
    expect(out.dropped).toBe(1);
    expect(out.drops).toEqual([{ item: 'fact', index: 2, reason: 'quote_not_found' }]);
  });

  it('drops a fact with a real quote but a number or name the article never mentions', () => {
    const out = groundOutput(
      {
        ...good,
        keyFacts: [
          { text: 'Sheridan seeks $7.5 million', quote: 'Sheridan is asking for $5.7 million in damages' },
          { text: 'Judge Ito presides', quote: 'A verdict requires the agreement of nine jurors.' },
        ],
      },
      article,
      opts,
    );
    expect(out.keyFacts).toEqual([]);
    expect(out.drops.map((d) => d.detail)).toEqual([['7.5'], ['Judge', 'Ito']]);
  });

  it('drops too-short and duplicate quotes', () => {
    const out = groundOutput(
      {
        ...good,
        keyFacts: [
          { text: 'Jury', quote: 'A verdict' },
          good.keyFacts[1]!,
          { text: 'Nine jurors', quote: 'a verdict requires the agreement of nine jurors' },
        ],
      },
      article,
      opts,
    );
    expect(out.drops.map((d) => d.reason)).toEqual(['quote_too_short', 'duplicate_quote']);
  });

  it('drops summary sentences with unsupported claims and rejects an unsupported headline', () => {
    const out = groundOutput(
      {
        headline: 'Sheridan wins $10 million',
        summary: ['The trial started in 2008.', 'Sheridan is asking for $5.7 million.'],
        keyFacts: good.keyFacts,
      },
      article,
      opts,
    );
    expect(out.headline).toBeNull();
    expect(out.summary).toEqual(['Sheridan is asking for $5.7 million.']);
    expect(out.summaryDropped).toBe(1);
  });

  it('is sufficient only with a summary sentence and enough facts', () => {
    const out = groundOutput(good, article, opts);
    expect(isSufficient(out, 2)).toBe(true);
    expect(isSufficient({ ...out, keyFacts: out.keyFacts.slice(0, 1) }, 2)).toBe(false);
    expect(isSufficient({ ...out, summary: [] }, 0)).toBe(false);
  });
});
