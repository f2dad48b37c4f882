import { describe, expect, it } from 'vitest';
import { articleText } from '../../../../src/article.js';
import { BriefSchema } from '../../../../src/brief.js';
import { briefArticle, createExtractiveEngine, summarize } from '../../../../src/engines/extractive/index.js';
import { BriefError } from '../../../../src/errors.js';
import { countWords } from '../../../../src/text/tokens.js';
import { makeArticle, sampleArticle } from '../../../helpers/article.js';

describe('createExtractiveEngine', () => {
  it('is the extractive engine and resolves to a valid Brief', async () => {
    const engine = createExtractiveEngine();
    expect(engine.name).toBe('extractive');
    const brief = await engine.brief(sampleArticle());
    expect(BriefSchema.parse(brief)).toEqual(brief);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createExtractiveEngine().brief(sampleArticle(), { signal: controller.signal }),
    ).rejects.toThrow();
  });
});

describe('briefArticle on awkward input', () => {
  it('briefs a one-sentence text as that sentence, with no invented facts', () => {
    const brief = briefArticle(makeArticle('The council approved the new budget on Tuesday.'));
    expect(brief.summary).toEqual(['The council approved the new budget on Tuesday.']);
    expect(brief.keyFacts).toEqual([]);
    expect(brief.headline).toBe('The council approved the new budget on Tuesday');
  });

  it('keeps sentences back for facts in a short text, none repeating the headline', () => {
    const text =
      'The city council approved a budget of $4.2 million on Tuesday.\n\n' +
      'Mayor Ann Lee said the money would repair 12 bridges.\n\n' +
      'Work will start in March 2025 and last two years.\n\n' +
      'Opposition members voted against the plan.';
    const brief = briefArticle(makeArticle(text));
    expect(brief.headline).toBe('The city council approved a budget of $4.2 million on Tuesday');
    // The lead is the headline: the summary and the facts go on from there.
    expect(brief.summary).toEqual(['Mayor Ann Lee said the money would repair 12 bridges.']);
    expect(brief.keyFacts.length).toBeGreaterThanOrEqual(1);
    for (const fact of brief.keyFacts) {
      expect(articleText(makeArticle(text))).toContain(fact.quote);
      expect(fact.quote).not.toContain('approved a budget');
    }
  });

  it('refuses an article with no text', () => {
    expect(() => briefArticle(makeArticle('   '))).toThrow(BriefError);
    try {
      briefArticle(makeArticle(''));
    } catch (err) {
      expect((err as BriefError).code).toBe('no_content');
    }
  });

  it('clips a lone over-long sentence to the summary budget', () => {
    const long = `The report ${Array.from({ length: 120 }, (_, i) => `item${i}`).join(', ')} ended.`;
    const [line] = summarize(makeArticle(long));
    expect(countWords(line ?? '')).toBeLessThanOrEqual(80);
    expect(line?.endsWith('\u2026')).toBe(true);
  });

  it('makes a headline from the lead of an untitled article, and a summary that does not repeat it', () => {
    const brief = briefArticle(
      makeArticle(
        'LONDON (CNN) -- Television cameras are to be allowed into courts in England and Wales for the first time, the justice secretary announced on Tuesday in a long statement.\n\n' +
          'Judges will be filmed delivering sentences in the Court of Appeal from October, officials said.\n\n' +
          'Victims, witnesses and jurors will not be shown on screen.',
      ),
    );
    expect(brief.headline).toBe('Television cameras are to be allowed into courts in England and Wales');
    expect(brief.summary.join(' ')).not.toContain('Television cameras');
    expect(brief.summary[0]).toMatch(/^Judges will be filmed/);
  });

  it('keeps the lead in the summary of a titled article', () => {
    const brief = briefArticle(
      makeArticle(
        'Television cameras are to be allowed into courts in England and Wales for the first time.\n\n' +
          'Judges will be filmed delivering sentences in the Court of Appeal from October.',
        { title: 'Cameras allowed in court' },
      ),
    );
    expect(brief.headline).toBe('Cameras allowed in court');
    expect(brief.summary[0]).toMatch(/^Television cameras/);
  });

  it('notes the language of non-English text and still summarises it', () => {
    const text =
      'Die Regierung hat am Montag erklärt, dass sie das Gesetz nicht ändern wird.\n\n' +
      'Die Opposition kritisierte die Entscheidung und kündigte eine Klage an.\n\n' +
      'Nach Angaben des Ministeriums soll die Reform im Frühjahr beginnen.\n\n' +
      'Die Gewerkschaften wollen dagegen in mehreren Städten demonstrieren.';
    const brief = briefArticle(makeArticle(text, { declaredLanguage: 'en' }));
    expect(brief.language).toBe('de');
    expect(brief.summary.length).toBeGreaterThan(0);
    expect(brief.entities.people).toEqual([]);
  });

  it('passes source and extraction through', () => {
    const brief = briefArticle(
      makeArticle('One sentence here about a vote in the council.', {
        url: 'https://example.com/a',
        siteName: 'Example',
        byline: 'A. Writer',
        publishedTime: '2024-01-02T03:04:05Z',
        extraction: { status: 'paywalled', note: 'Based on a teaser.' },
      }),
    );
    expect(brief.source).toEqual({
      url: 'https://example.com/a',
      title: null,
      siteName: 'Example',
      byline: 'A. Writer',
      publishedTime: '2024-01-02T03:04:05Z',
    });
    expect(brief.extraction).toEqual({ status: 'paywalled', note: 'Based on a teaser.' });
  });
});
