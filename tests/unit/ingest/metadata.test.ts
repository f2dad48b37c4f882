import { describe, expect, it } from 'vitest';
import { ingestHtml } from '../../../src/ingest/index.js';
import { toIsoDate } from '../../../src/ingest/iso-date.js';

/**
 * Published time and byline come from JSON-LD, then OpenGraph, then <time>, then common meta tags
 * (byline: then the page's own byline markup), normalised to ISO 8601 in UTC.
 */
const story = [
  'The regional water board said on Monday that reservoir levels had recovered to eighty per cent after a wet spring, lifting the hosepipe ban.',
  'Engineers had feared a third dry summer in a row, but rainfall in April and May was almost double the long-term average, the board said.',
  'Farmers welcomed the news but warned that the wet weather had delayed planting by several weeks across the valley.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');

const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2024-07-01T10:00:00+02:00","author":[{"@type":"Person","name":"Ben Ortiz"},{"@type":"Person","name":"Ada Lin"}]}]}</script>`;
const openGraph = `<meta property="article:published_time" content="2024-07-02T09:30:00Z"><meta property="article:author" content="Cleo Park">`;
const timeEl = `<time datetime="2024-07-03T08:00:00">3 July</time>`;
const metaTags = `<meta name="pubdate" content="2024-07-04 07:15:00"><meta name="author" content="Dan Wu">`;

function meta(head: string, bodyExtra = '') {
  const a = ingestHtml(
    `<html><head><title>Hosepipe ban lifted</title>${head}</head><body><article>${bodyExtra}${story}</article></body></html>`,
    'https://valleytimes.example/story',
  );
  return { publishedTime: a.publishedTime, byline: a.byline };
}

describe('published time and byline, by source', () => {
  it('reads JSON-LD (in @graph, with several authors and a zone offset)', () => {
    expect(meta(jsonLd)).toEqual({
      publishedTime: '2024-07-01T08:00:00.000Z',
      byline: 'Ben Ortiz and Ada Lin',
    });
  });

  it('reads OpenGraph article:published_time and article:author', () => {
    expect(meta(openGraph)).toEqual({ publishedTime: '2024-07-02T09:30:00.000Z', byline: 'Cleo Park' });
  });

  it('reads <time datetime> (a time without a zone is UTC)', () => {
    expect(meta('', timeEl).publishedTime).toBe('2024-07-03T08:00:00.000Z');
  });

  it('prefers the <time> marked as the publication date', () => {
    const html = `<time datetime="2024-07-09">updated</time><time itemprop="datePublished" datetime="2024-07-05">5 July</time>`;
    expect(meta('', html).publishedTime).toBe('2024-07-05T00:00:00.000Z');
  });

  it('reads common meta tags (pubdate, author)', () => {
    expect(meta(metaTags)).toEqual({ publishedTime: '2024-07-04T07:15:00.000Z', byline: 'Dan Wu' });
  });

  it('reads the byline markup when no metadata names the author', () => {
    expect(meta('', '<p class="byline">By Eve Stone</p>').byline).toBe('Eve Stone');
  });
});

describe('published time and byline, in order', () => {
  it('JSON-LD over OpenGraph over <time> over meta tags', () => {
    expect(meta(metaTags + openGraph + jsonLd, timeEl)).toEqual({
      publishedTime: '2024-07-01T08:00:00.000Z',
      byline: 'Ben Ortiz and Ada Lin',
    });
    expect(meta(metaTags + openGraph, timeEl)).toEqual({
      publishedTime: '2024-07-02T09:30:00.000Z',
      byline: 'Cleo Park',
    });
    expect(meta(metaTags, timeEl)).toEqual({ publishedTime: '2024-07-03T08:00:00.000Z', byline: 'Dan Wu' });
  });

  it('passes over a source whose value does not parse, and an author given as a URL', () => {
    const head = `<meta property="article:published_time" content="soon"><meta property="article:author" content="https://facebook.com/valleytimes">${metaTags}`;
    expect(meta(head)).toEqual({ publishedTime: '2024-07-04T07:15:00.000Z', byline: 'Dan Wu' });
  });
});

describe('toIsoDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05T08:30:00', '2024-03-05T08:30:00.000Z'],
    ['2024-03-05 08:30', '2024-03-05T08:30:00.000Z'],
    ['2024-03-05T08:30:00.250Z', '2024-03-05T08:30:00.250Z'],
    ['2024-03-05T08:30:00+0100', '2024-03-05T07:30:00.000Z'],
    ['2024-03-05T08:30:00-05:00', '2024-03-05T13:30:00.000Z'],
    ['05.03.2024', '2024-03-05T00:00:00.000Z'],
    ['5.3.2024 08:30', '2024-03-05T08:30:00.000Z'],
    ['Tue, 05 Mar 2024 08:30:00 GMT', '2024-03-05T08:30:00.000Z'],
    ['March 5, 2024', '2024-03-05T00:00:00.000Z'],
  ])('%s => %s', (input, iso) => {
    expect(toIsoDate(input)).toBe(iso);
  });

  it.each(['', 'soon', '0000-00-00', '1800-01-01'])('%j => null', (input) => {
    expect(toIsoDate(input)).toBeNull();
  });
});
