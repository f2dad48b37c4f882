import { describe, expect, it } from 'vitest';
import { trimForDisplay } from '../../../../src/engines/extractive/compress.js';
import { sentenceFeatures } from '../../../../src/engines/extractive/features.js';
import { makeHeadline } from '../../../../src/engines/extractive/headline.js';
import { selectKeyFacts } from '../../../../src/engines/extractive/key-facts.js';
import { selectSummary } from '../../../../src/engines/extractive/ranking.js';
import { splitSentences } from '../../../../src/text/sentences.js';
import { countWords } from '../../../../src/text/tokens.js';

const features = (text: string) => sentenceFeatures(splitSentences(text), null);

const STORY = [
  'Flooding forced 3,000 residents of the river town of Marlow to leave their homes on Sunday.',
  'Flooding forced thousands of residents of the river town of Marlow to leave their homes.',
  'Emergency crews rescued 40 people from rooftops as the river rose two meters overnight.',
  'He said it was the worst flood since 1947.',
  'The weather service expects more rain across the region on Tuesday.',
  'Schools in the town will stay closed until the water recedes.',
  'Residents described the flood as frightening.',
  'Insurance claims could exceed $50 million, according to an industry group.',
].join(' ');

describe('selectSummary', () => {
  it('returns up to three sentences in article order within the word budget', () => {
    const f = features(STORY);
    const chosen = selectSummary(f);
    expect(chosen.length).toBeLessThanOrEqual(3);
    expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
    expect(chosen.reduce((n, i) => n + (f[i]?.words ?? 0), 0)).toBeLessThanOrEqual(80);
    expect(chosen[0]).toBe(0);
  });

  it('skips a sentence that repeats one already chosen', () => {
    expect(selectSummary(features(STORY))).not.toContain(1);
  });

  it('prefers a sentence that stands alone over one opening with a pronoun', () => {
    expect(selectSummary(features(STORY), { maxSentences: 2 })).not.toContain(3);
  });
});

describe('selectKeyFacts', () => {
  it('picks fact-bearing sentences that the summary does not say', () => {
    const f = features(STORY);
    const summary = selectSummary(f, { maxSentences: 1 });
    const facts = selectKeyFacts(f, summary);
    expect(facts).not.toContain(summary[0]);
    expect(facts).not.toContain(1); // a near copy of the summary sentence
    expect(facts).toContain(2); // 40 people, two meters
    expect([...facts].sort((a, b) => a - b)).toEqual(facts);
  });

  it('finds nothing in a text with one sentence', () => {
    const f = features('Only one sentence is here, about 12 apples.');
    expect(selectKeyFacts(f, selectSummary(f))).toEqual([]);
  });
});

describe('trimForDisplay', () => {
  it.each([
    [
      'drops a trailing attribution',
      'The bridge will reopen in March after repairs, the city council said.',
      'The bridge will reopen in March after repairs.',
    ],
    [
      'drops "according to"',
      'Insurance claims could exceed $50 million next year, according to an industry group.',
      'Insurance claims could exceed $50 million next year.',
    ],
    [
      'keeps who spoke a quote',
      '"We will rebuild every house in this town," the mayor said.',
      '"We will rebuild every house in this town," the mayor said.',
    ],
    [
      'drops a leading "According to X,"',
      'According to state media, the two leaders arrived at the cosmodrome on Wednesday.',
      'The two leaders arrived at the cosmodrome on Wednesday.',
    ],
    [
      'drops the dateline',
      'PARIS (AFP) -- The museum reopened its doors to visitors.',
      'The museum reopened its doors to visitors.',
    ],
    ['keeps a short sentence whole', 'It fell, police said.', 'It fell, police said.'],
  ])('%s', (_name, input, expected) => {
    expect(trimForDisplay(input)).toBe(expected);
  });

  it('drops a leading connective only when asked (facts shown alone)', () => {
    const s = 'However, the prolonged war has raised the value of the support.';
    expect(trimForDisplay(s)).toBe(s);
    expect(trimForDisplay(s, { dropConnective: true })).toBe(
      'The prolonged war has raised the value of the support.',
    );
  });
});

describe('makeHeadline', () => {
  it('uses the title when there is one', () => {
    expect(makeHeadline('  A   Title ', 'Lead sentence.')).toBe('A Title');
  });

  it('compresses a long lead to its main clause, without the dateline', () => {
    const lead =
      'WASHINGTON -- The Senate passed a sweeping bill on Tuesday that would overhaul the nation\u2019s immigration system and tighten border security.';
    expect(makeHeadline(null, lead)).toBe('The Senate passed a sweeping bill on Tuesday');
  });

  it.each([
    [
      'After intense diplomacy, the government of Mali (ECOWAS) has agreed that troops can be based in the capital.',
      'The government of Mali has agreed that troops can be based',
    ],
    [
      'Television cameras are to be allowed into courts in England and Wales for the first time, the justice secretary said on Tuesday.',
      'Television cameras are to be allowed into courts in England and Wales',
    ],
    [
      'Novak Djokovic survived a first set scare as he booked a place in the second round at Roland Garros.',
      'Novak Djokovic survived a first set scare',
    ],
  ])('%s', (lead, headline) => {
    expect(makeHeadline(null, lead)).toBe(headline);
  });

  it('keeps a short lead whole and cuts a clause-less one between words, marked', () => {
    expect(makeHeadline(null, 'The council approved the new budget on Tuesday.')).toBe(
      'The council approved the new budget on Tuesday',
    );
    const headline = makeHeadline(
      null,
      'Swedish prosecutors Tuesday asked a judge to extend the detention of four terror suspects held since June.',
    );
    expect(headline).toBe('Swedish prosecutors Tuesday asked a judge to extend the detention of four\u2026');
  });

  it('never goes past 12 words or ends on a word that opens a phrase', () => {
    const leads = [
      'A Kentucky census worker who was found dead in September committed suicide and staged the scene to look like a homicide.',
      'Predictions of super PAC-fueled campaign ugliness seemed to come to reality on Thursday when reports broke.',
      'Most of us can appreciate that the world is an ancient place and that a lot has changed in the almost 4.6 billion years.',
      'Stephen King\u2019s fantasy novel "Eyes of the Dragon" could at last become a movie or miniseries, the studio said.',
    ];
    for (const lead of leads) {
      const headline = makeHeadline(null, lead);
      expect(countWords(headline)).toBeLessThanOrEqual(12);
      expect(headline).not.toMatch(/\b(?:the|a|an|and|of|to|in|that|could|who)\u2026?$/i);
      // An ellipsis follows a whole word of the lead.
      if (headline.endsWith('\u2026')) expect(lead).toContain(`${headline.slice(0, -1)} `);
    }
  });
});
