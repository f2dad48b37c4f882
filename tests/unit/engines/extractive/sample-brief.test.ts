import { describe, expect, it } from 'vitest';
import { articleText } from '../../../../src/article.js';
import { BriefSchema, SUMMARY_MAX_WORDS } from '../../../../src/brief.js';
import { briefArticle } from '../../../../src/engines/extractive/index.js';
import { countWords } from '../../../../src/text/tokens.js';
import { sampleArticle } from '../../../helpers/article.js';

describe('the brief of the bundled summit article', () => {
  const article = sampleArticle();
  const text = articleText(article);
  const brief = briefArticle(article);
  const summary = brief.summary.join(' ');
  const facts = brief.keyFacts.map((f) => f.text).join('\n');
  const everything = `${summary}\n${facts}`;

  it('is a valid Brief headed by the article title', () => {
    expect(BriefSchema.parse(brief)).toEqual(brief);
    expect(brief.headline).toBe('Kim Jong-un and Vladimir Putin Meet Amidst Growing Arms Deal Speculation');
    expect(brief.engine).toEqual({ name: 'extractive' });
    expect(brief.language).toBe('en');
    expect(brief.stats).toEqual({ words: countWords(text), readingMinutes: 2 });
  });

  it('summarises the summit and the munitions speculation in at most three sentences', () => {
    expect(brief.summary.length).toBeGreaterThanOrEqual(1);
    expect(brief.summary.length).toBeLessThanOrEqual(3);
    expect(countWords(summary)).toBeLessThanOrEqual(SUMMARY_MAX_WORDS);
    for (const needle of ['Kim Jong-un', 'Vladimir Putin', 'Far East', 'munitions', 'Ukraine']) {
      expect(summary).toContain(needle);
    }
    // In article order.
    const positions = brief.summary.map((s) => text.indexOf(s.slice(0, 40)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('does not repeat the standfirst in the first body sentence', () => {
    expect(summary).not.toContain('met on Wednesday at a location');
  });

  it('carries the key facts, each backed by a verbatim quote and none repeating the summary', () => {
    expect(brief.keyFacts.length).toBeGreaterThanOrEqual(3);
    expect(brief.keyFacts.length).toBeLessThanOrEqual(6);
    for (const fact of brief.keyFacts) {
      expect(text).toContain(fact.quote);
      expect(brief.summary).not.toContain(fact.text);
    }
    expect(everything).toContain('Vostochny Cosmodrome');
    expect(facts).toContain('Amur region');
    expect(facts).toContain('19 months');
    expect(facts).toMatch(/Peskov.*sensitive spheres/);
    expect(everything).toContain('armored train');
  });

  it('trims fact texts but keeps the attribution in the quote', () => {
    const cosmodrome = brief.keyFacts.find((f) => f.quote.includes('Vostochny'));
    expect(cosmodrome?.quote.startsWith('According to the Russian state news agency RIA Novosti')).toBe(true);
    expect(cosmodrome?.text.startsWith('The two leaders arrived')).toBe(true);
    const war = brief.keyFacts.find((f) => f.quote.includes('19 months'));
    expect(war?.quote.startsWith('However,')).toBe(true);
    expect(war?.text.startsWith('The prolonged duration')).toBe(true);
  });

  it('names the people, places and dates, cleaned and folded', () => {
    const { people, places, organizations, dates } = brief.entities;
    expect(people.slice(0, 2)).toEqual(['Kim Jong-un', 'Vladimir Putin']);
    expect(people).toContain('Dmitry Peskov');
    expect(people).not.toContain('Putin');
    expect(people).not.toContain('Kim');
    expect(places).toEqual(
      expect.arrayContaining(['North Korea', 'Russia', 'Ukraine', 'Amur region', 'Pyongyang']),
    );
    expect(organizations).toContain('RIA Novosti');
    expect(dates).toEqual(expect.arrayContaining(['Tuesday', 'Wednesday', '19 months']));
    for (const name of [...people, ...places, ...organizations]) {
      expect(name).not.toMatch(/['\u2019]s?$|[.,;:!?]$|^(?:President|Russian|North Korean) /);
    }
  });

  it('is deterministic', () => {
    expect(briefArticle(sampleArticle())).toEqual(brief);
  });
});
