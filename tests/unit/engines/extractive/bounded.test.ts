/**
 * The bounded steps that keep a huge article's cost close to linear: which sentences are analysed
 * and ranked, and that a huge article still gets a sound brief. Sizes and counts, never timings.
 */
import { describe, expect, it } from 'vitest';
import { articleText } from '../../../../src/article.js';
import { BriefSchema } from '../../../../src/brief.js';
import {
  analysedSentences,
  DEFAULT_CANDIDATES,
  distinctSentences,
  selectCandidates,
} from '../../../../src/engines/extractive/candidates.js';
import { articleTerms, centralityOf } from '../../../../src/engines/extractive/features.js';
import { analyze, briefArticle } from '../../../../src/engines/extractive/index.js';
import { splitSentences } from '../../../../src/text/sentences.js';
import { contentTerms } from '../../../../src/text/tokens.js';
import { makeArticle } from '../../../helpers/article.js';

const TOWNS = ['Marlow', 'Henley', 'Reading', 'Oxford', 'Abingdon', 'Wallingford', 'Goring', 'Pangbourne'];
const TOPICS = ['bridge', 'school', 'library', 'hospital', 'railway', 'harbour', 'market', 'museum'];

/** A long, varied story: the lead is about a flood in Marlow, the rest about council business. */
function hugeArticle(paragraphs: number): string {
  const lead = [
    'Flooding forced 3,000 residents of Marlow to leave their homes on Sunday after the Thames burst its banks.',
    'Emergency crews rescued 40 people from rooftops as the river rose two meters overnight.',
    'The Environment Agency said the water would not recede before Wednesday.',
  ];
  const body = Array.from({ length: paragraphs }, (_, i) => {
    const town = TOWNS[i % TOWNS.length] ?? 'Marlow';
    const topic = TOPICS[(i * 3) % TOPICS.length] ?? 'bridge';
    return (
      `The ${town} council approved ${10 + (i % 90)} new ${topic} projects worth ${i + 1} million pounds on Tuesday. ` +
      `Councillor Ann Lee said the ${topic} plan number ${i} would be reviewed again in ${2025 + (i % 5)}.`
    );
  });
  return [...lead, ...body].join('\n\n');
}

describe('the analysed set', () => {
  it('is every sentence of an article of ordinary length', () => {
    expect(analysedSentences(143)).toEqual(Array.from({ length: 143 }, (_, i) => i));
  });

  it('is the lead and an even spread of the rest for a huge one', () => {
    const count = 50_000;
    const set = analysedSentences(count);
    const { analysed, analysedLead } = DEFAULT_CANDIDATES;
    expect(set).toHaveLength(analysed);
    expect(set.slice(0, analysedLead)).toEqual(Array.from({ length: analysedLead }, (_, i) => i));
    expect(new Set(set).size).toBe(set.length);
    expect([...set].sort((a, b) => a - b)).toEqual(set);
    // The sample reaches the end of the article and leaves no large stretch out.
    const last = set[set.length - 1] ?? 0;
    expect(last).toBeGreaterThan(count - count / (analysed - analysedLead));
    const gaps = set.slice(analysedLead).map((v, k, a) => v - (k === 0 ? analysedLead - 1 : (a[k - 1] ?? 0)));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(
      Math.ceil((count - analysedLead) / (analysed - analysedLead)) + 1,
    );
  });
});

describe('the candidate set', () => {
  it('leaves exact repeats out, keeping the first', () => {
    const texts = ['A.', 'B.', 'A.', 'C.', 'B.'];
    expect(distinctSentences([0, 1, 2, 3, 4], (i) => texts[i] ?? '')).toEqual([0, 1, 3]);
  });

  it('is capped: the lead plus one sentence from each stretch of the rest', () => {
    const sentences = splitSentences(hugeArticle(3_000));
    const all = sentences.map((_, i) => i);
    const doc = articleTerms(sentences, all);
    const candidates = selectCandidates(all, doc);
    const { max, lead } = DEFAULT_CANDIDATES;
    expect(candidates).toHaveLength(max);
    expect(candidates.slice(0, lead)).toEqual(all.slice(0, lead));
    const stretch = (sentences.length - lead) / (max - lead);
    candidates.slice(lead).forEach((i, k) => {
      expect(i).toBeGreaterThanOrEqual(lead + Math.floor(k * stretch));
      expect(i).toBeLessThan(lead + Math.floor((k + 1) * stretch));
    });
  });

  it('keeps every sentence of a short article', () => {
    const sentences = splitSentences(hugeArticle(20));
    const all = sentences.map((_, i) => i);
    expect(selectCandidates(all, articleTerms(sentences, all))).toEqual(all);
  });
});

describe('centrality', () => {
  it('equals the cosine of a sentence with the rest of the article, computed directly', () => {
    const sentences = splitSentences(hugeArticle(30));
    const all = sentences.map((_, i) => i);
    const doc = articleTerms(sentences, all);
    const terms = all.map((i) => doc.analysed.get(i)?.terms ?? []);
    for (const i of all) {
      const own = new Map<string, number>();
      for (const t of terms[i] ?? []) own.set(t, (own.get(t) ?? 0) + 1);
      const rest = new Map<string, number>();
      terms.forEach((ts, j) => {
        if (j !== i) for (const t of ts) rest.set(t, (rest.get(t) ?? 0) + 1);
      });
      let dot = 0;
      for (const [t, c] of own) dot += c * (rest.get(t) ?? 0);
      const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, c) => s + c * c, 0));
      const direct = dot > 0 ? dot / (norm(own) * norm(rest)) : 0;
      expect(centralityOf(terms[i] ?? [], doc)).toBeCloseTo(direct, 12);
    }
    expect(contentTerms('Flooding forced residents')).toEqual(['flood', 'forc', 'resident']);
  });
});

describe('a huge article', () => {
  const text = hugeArticle(20_000);
  const article = makeArticle(text);

  it('is analysed and ranked on bounded sets', () => {
    const a = analyze(article);
    expect(a.sentences.length).toBeGreaterThan(40_000);
    expect(a.analysed).toHaveLength(DEFAULT_CANDIDATES.analysed);
    expect(a.features.length).toBeLessThanOrEqual(DEFAULT_CANDIDATES.max);
  });

  it('still gets a valid brief whose headline, summary and first facts come from its lead', () => {
    const brief = briefArticle(article);
    expect(BriefSchema.parse(brief)).toEqual(brief);
    // Untitled: the headline is the compressed lead, and the summary goes on from there.
    expect(brief.headline).toContain('Flooding forced 3,000 residents of Marlow');
    expect(brief.summary[0]).toContain('Emergency crews rescued 40 people');
    // The body repeats one council template, so few of its sentences add news to the lead's.
    expect(brief.keyFacts.length).toBeGreaterThanOrEqual(2);
    const source = articleText(article);
    for (const fact of brief.keyFacts) expect(source).toContain(fact.quote);
    expect(brief.keyFacts[0]?.quote).toMatch(/Flooding forced 3,000 residents|Environment Agency said/);
    expect(brief.entities.people).toContain('Ann Lee');
    expect(brief.entities.organizations).toContain('Environment Agency');
    // Stats count the whole article, not the analysed sample.
    expect(brief.stats.words).toBeGreaterThan(500_000);
  });

  it('ranks a line repeated all through the article once', () => {
    const boilerplate = 'Sign up for our daily newsletter to get the top stories in your inbox.';
    const repeated = text.split('\n\n').flatMap((p, i) => (i % 5 === 0 ? [p, boilerplate] : [p]));
    const a = analyze(makeArticle(repeated.join('\n\n')));
    expect(a.features.filter((f) => f.sentence.text === boilerplate).length).toBeLessThanOrEqual(1);
  });
});
