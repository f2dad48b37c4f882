import { describe, expect, it } from 'vitest';
import { densestRun } from '../../../src/ingest/density.js';
import { ingestHtml } from '../../../src/ingest/index.js';
import type { Block } from '../../../src/ingest/paragraphs.js';
import { pickExtraction } from '../../../src/ingest/pick-extraction.js';

// Every block's words are its own: identical lines would be dropped as repeats.
let seed = 0;
const words = (n: number, word = 'river') =>
  `${word}${++seed} ` + Array.from({ length: n - 1 }, (_, i) => `${word}${i % 7}`).join(' ') + '.';
const text = (n: number): Block => ({ text: words(n), tag: 'p', linkChars: 0 });
const link = (n: number): Block => {
  const t = words(n, 'link');
  return { text: t, tag: 'li', linkChars: t.length };
};
const heading = (t: string): Block => ({ text: t, tag: 'h2', linkChars: 0 });

describe('densestRun (Kohlschütter et al. shallow text features)', () => {
  it('takes the longest run of text blocks and leaves menus and link lists out', () => {
    const blocks = [
      link(2),
      link(3),
      link(2),
      text(40),
      text(35),
      heading('Funding gap'),
      text(50),
      link(4),
      link(4),
      link(4),
      link(4),
      text(20),
    ];
    const run = densestRun(blocks);
    expect(run.blocks.map((b) => b.text)).toEqual(
      [blocks[3], blocks[4], blocks[5], blocks[6]].map((b) => b?.text),
    );
    expect(run.words).toBe(127); // 40 + 35 + 2 (the heading) + 50
    expect(run.linkDensity).toBe(0);
  });

  it('finds nothing in a page of short lines', () => {
    expect(densestRun([text(3), text(2), link(3), text(4)]).words).toBe(0);
  });
});

describe('pickExtraction: Readability or the density fallback', () => {
  const body = [link(3), text(60), text(60), text(60), text(60), link(3)];

  it('keeps Readability when it found the article', () => {
    const picked = pickExtraction([text(60), text(60), text(60), text(60)], body);
    expect(picked.method).toBe('readability');
    expect(picked.note).toBeNull();
  });

  it('falls back when Readability kept a fraction of the densest run, and says why', () => {
    const picked = pickExtraction([text(50), text(50)], body);
    expect(picked.method).toBe('density');
    expect(picked.words).toBe(240);
    expect(picked.note).toBe(
      'Extracted by density fallback: Readability kept 100 words in 2 paragraphs; the densest run of text has 240 words in 4 paragraphs.',
    );
  });

  it('keeps Readability when the longer run is many more, shorter blocks (a comment thread)', () => {
    const thread = Array.from({ length: 30 }, () => text(20));
    expect(pickExtraction([text(60), text(60)], thread).method).toBe('readability');
  });

  it('falls back when Readability found nothing', () => {
    const picked = pickExtraction(null, body);
    expect(picked.method).toBe('density');
    expect(picked.note).toMatch(/^Extracted by density fallback: Readability found no article;/);
  });
});

describe('the density fallback on a page', () => {
  it('reads a page too deeply nested for Readability and reports it in the verdict note', () => {
    const paragraph = (i: number) =>
      `On day ${i} the council debated the new budget for the city, with long arguments about schools and roads.`;
    const html =
      '<div>'.repeat(300) +
      '<ul><li><a href="/a">Home</a></li><li><a href="/b">World</a></li></ul>' +
      [1, 2, 3, 4, 5, 6].map((i) => `<p>${paragraph(i)}</p>`).join('') +
      '</div>'.repeat(300);
    const article = ingestHtml(html, null);
    expect(article.paragraphs).toHaveLength(6);
    expect(article.extraction.status).toBe('ok');
    expect(article.extraction.note).toMatch(/^Extracted by density fallback: Readability found no article;/);
  });
});
