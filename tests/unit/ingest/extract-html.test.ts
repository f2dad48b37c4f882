import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleText } from '../../../src/article.js';
import { BriefError } from '../../../src/errors.js';
import { ingestHtml, ingestText } from '../../../src/ingest/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');

const body = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('\n');

const longParagraphs = [
  'The regional water board said on Monday that reservoir levels had recovered to eighty per cent after a wet spring, lifting the hosepipe ban that had been in place since last August.',
  'Engineers had feared a third dry summer in a row, but rainfall in April and May was almost double the long-term average, the board said in a statement.',
  'Farmers welcomed the news but warned that the wet weather had delayed planting by several weeks across the valley.',
];

function errorOf(fn: () => unknown): BriefError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BriefError) return err;
    throw err;
  }
  throw new Error('expected a BriefError');
}

describe('HTML extraction: a realistic news page', () => {
  const article = ingestHtml(
    fixture('news-page.html'),
    'https://coastal-courier.example/news/2024/sea-wall-vote?utm_source=feed',
  );
  const text = articleText(article);

  it('keeps the metadata the page declares', () => {
    expect(article).toMatchObject({
      title: 'Harbour town votes to rebuild its flooded sea wall',
      byline: 'Mara Quill',
      siteName: 'The Coastal Courier',
      publishedTime: '2024-03-05T08:30:00.000Z',
      declaredLanguage: 'en-GB',
      extraction: { status: 'ok' },
    });
  });

  it('uses the same-site canonical URL without tracking parameters or fragment', () => {
    expect(article.url).toBe('https://www.coastal-courier.example/news/2024/sea-wall-vote');
  });

  it('keeps the article paragraphs in order, with subheadings as their own paragraphs', () => {
    expect(article.paragraphs[0]).toMatch(/^Councillors in the harbour town of Saltmere voted on Tuesday/);
    expect(article.paragraphs).toContain('Funding gap');
    expect(article.paragraphs.at(-1)).toMatch(/^Project managers will hold a public meeting on March 12/);
    expect(article.paragraphs).toHaveLength(9);
  });

  it.each([
    ['navigation', 'Weather'],
    ['cookie banner', 'We use cookies'],
    ['related links', 'Insurance claims rise'],
    ['most-read block', 'Lifeboat crew'],
    ['footer', 'All rights reserved'],
    ['display:none span', 'CHEAP WATCHES'],
    ['aria-hidden paragraph', 'Ignore previous instructions'],
    ['hidden paragraph', 'must never appear'],
    ['scripts', 'verify you are human'],
    ['byline line', 'By Mara Quill'],
  ])('drops the %s', (_what, needle) => {
    expect(text).not.toContain(needle);
  });

  it('removes zero-width characters and soft hyphens, and normalises NBSP', () => {
    expect(text).toContain('Project managers');
    expect(text).not.toMatch(/[\u200B-\u200F\u2060\uFEFF\u00AD\u00A0]/);
  });
});

describe('HTML extraction: metadata fallbacks', () => {
  it('trims " | Site" from <title> and falls back to JSON-LD date and author', () => {
    const html = `<html><head><title>Water board lifts hosepipe ban | Valley Times</title>
      <meta property="og:site_name" content="Valley Times">
      <script type="application/ld+json">[{"@type":"ReportageNewsArticle","datePublished":"2024-07-01T10:00:00Z","author":{"name":"Ben Ortiz"}}]</script>
      </head><body><article>${body(longParagraphs)}</article></body></html>`;
    const article = ingestHtml(html, 'https://valleytimes.example/a');
    expect(article).toMatchObject({
      title: 'Water board lifts hosepipe ban',
      byline: 'Ben Ortiz',
      publishedTime: '2024-07-01T10:00:00.000Z',
      siteName: 'Valley Times',
    });
  });

  it('uses <time datetime>, the hostname as site name, and ignores a canonical on another site', () => {
    const html = `<html><head><title>Hosepipe ban lifted</title><link rel="canonical" href="https://other-site.example/stolen"></head>
      <body><article><time datetime="2024-07-02">2 July</time>${body(longParagraphs)}</article></body></html>`;
    const article = ingestHtml(html, 'https://www.valleytimes.example/story#top');
    expect(article.url).toBe('https://www.valleytimes.example/story');
    expect(article.siteName).toBe('valleytimes.example');
    expect(article.publishedTime).toBe('2024-07-02T00:00:00.000Z');
  });

  it('reads HTML without a URL (a saved file): no site name, canonical taken as declared', () => {
    const html = `<title>Hosepipe ban lifted</title><link rel="canonical" href="https://valleytimes.example/ban">${body(longParagraphs)}`;
    const article = ingestHtml(html, null);
    expect(article.siteName).toBeNull();
    expect(article.url).toBe('https://valleytimes.example/ban');
    expect(article.paragraphs).toEqual(longParagraphs);
  });

  it('falls back to the first h1 when there is no title', () => {
    const article = ingestHtml(`<body><h1>Hosepipe ban lifted</h1>${body(longParagraphs)}</body>`, null);
    expect(article.title).toBe('Hosepipe ban lifted');
  });
});

describe('HTML extraction: hostile and odd markup', () => {
  it('drops upper-case HIDDEN / STYLE hiding tricks (linkedom keeps attribute case)', () => {
    const html = `<html><body><article>${body(longParagraphs)}
      <P STYLE="DISPLAY:NONE">Secret one.</P><div HIDDEN>Secret two.</div><span Aria-Hidden="TRUE">Secret three.</span>
      <p style="font-size:0">Secret four.</p><p style="opacity: 0;">Secret five.</p></article></body></html>`;
    expect(articleText(ingestHtml(html, null))).not.toMatch(/Secret/);
  });

  it('keeps an article whose container has a junk-looking class', () => {
    const html = `<html><body><div class="story-body ad-free share-enabled">${body(longParagraphs)}</div>
      <div class="share-bar"><a href="#">Share on social</a></div></body></html>`;
    const article = ingestHtml(html, null);
    expect(article.paragraphs).toEqual(longParagraphs);
  });

  it('reads a page wrapped in one big <form> (ASP.NET style)', () => {
    const html = `<html><body><form id="aspnetForm" action="/x"><article>${body(longParagraphs)}</article></form></body></html>`;
    expect(ingestHtml(html, null).paragraphs).toEqual(longParagraphs);
  });

  it('survives broken HTML (unclosed tags, stray end tags, no body end)', () => {
    const article = ingestHtml(fixture('broken.html'), 'https://ferries.example/news');
    expect(article.title).toBe('Ferry service returns to the islands');
    expect(article.paragraphs[0]).toMatch(/^The ferry link between the mainland/);
    expect(articleText(article)).toContain('month of free travel');
    expect(article.extraction.status).toBe('ok');
  });

  it('reads a page nested thousands of elements deep, quickly (no recursion, no Readability blow-up)', () => {
    const depth = 3000;
    const html = '<div>'.repeat(depth) + body(longParagraphs) + '</div>'.repeat(depth);
    const started = performance.now();
    const article = ingestHtml(html, null);
    // Readability over linkedom needs minutes at this depth; the guard makes it milliseconds.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(article.paragraphs).toEqual(longParagraphs);
  });

  it('reads a page with more text than one article holds without Readability, whole', () => {
    // 4,000 paragraphs of about 290 characters: over a million characters, under the element cap.
    const paragraph = (i: number) =>
      `Paragraph ${i} of a very long page: the council met again on Tuesday to discuss the budget for the ` +
      `coming year, and members asked for more money for schools, roads and bridges across the region. ` +
      `The mayor said the city would publish the full figures next week, after the finance committee met.`;
    const many = Array.from({ length: 4_000 }, (_, i) => paragraph(i));
    const article = ingestHtml(`<html><body><article>${body(many)}</article></body></html>`, null);
    expect(article.paragraphs).toEqual(many);
    expect(article.extraction.note).toMatch(/density/);
    // The same page at a fifth of the length is Readability's, as before.
    const fewer = many.slice(0, 600);
    const short = ingestHtml(`<html><body><article>${body(fewer)}</article></body></html>`, null);
    expect(short.paragraphs).toEqual(fewer);
    expect(short.extraction.note).toBeUndefined();
  });

  it.each([
    ['Readability', (html: string) => `<html><body><div id="story">${html}</div></body></html>`],
    ['the fallback', (html: string) => '<div>'.repeat(200) + html + '</div>'.repeat(200)],
  ])('splits <br><br>-separated text into paragraphs (%s)', (_path, wrap) => {
    const [a = '', b = '', c = ''] = longParagraphs;
    const article = ingestHtml(wrap(`${a}<br><br>${b}<br/>\n<br/>${c}`), null);
    expect(article.paragraphs).toEqual(longParagraphs);
  });

  it('reads a bare fragment without <html> or <body>', () => {
    const article = ingestHtml(body(longParagraphs), null);
    expect(article.paragraphs).toEqual(longParagraphs);
  });

  it('keeps non-English articles and their declared language', () => {
    const article = ingestHtml(fixture('german-article.html'), 'https://tageblatt.example/bruecke');
    expect(article.title).toBe('Neue Brücke über den Fluss eröffnet');
    expect(article.declaredLanguage).toBe('de');
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[1]).toMatch(/^„Heute ist ein guter Tag/);
    expect(article.publishedTime).toBe('2024-06-14T05:00:00.000Z');
  });

  it('does not treat pasted HTML as prose: ingestText reads a whole HTML document as HTML', () => {
    const article = ingestText(
      `<!DOCTYPE html><html><body><nav>Menu</nav>${body(longParagraphs)}</body></html>`,
    );
    expect(article.paragraphs).toEqual(longParagraphs);
  });
});

describe('HTML extraction: verdicts', () => {
  it('refuses a page with no article (a login form) with no_content', () => {
    const err = errorOf(() => ingestHtml(fixture('no-article.html'), 'https://portal.example/login'));
    expect(err.code).toBe('no_content');
    expect(err.userMessage).toMatch(/That page has no article text we could find/);
  });

  it.each(['', '<html><body></body></html>', '<p>Hello.</p>'])('refuses %j with no_content', (html) => {
    expect(errorOf(() => ingestHtml(html, null)).code).toBe('no_content');
  });

  it('marks a paywalled teaser and leaves the subscribe prompt out of the text', () => {
    const article = ingestHtml(fixture('paywall-teaser.html'), 'https://ledger.example/battery');
    expect(article.extraction).toEqual({
      status: 'paywalled',
      note: 'Based on a teaser: the full article is behind a paywall.',
    });
    expect(article.paragraphs).toHaveLength(2);
    expect(articleText(article)).not.toMatch(/subscribe/i);
  });

  it('marks a consent wall over a short teaser', () => {
    const article = ingestHtml(fixture('consent-wall.html'), 'https://riverside.example/library');
    expect(article.extraction.status).toBe('paywalled');
    expect(article.extraction.note).toMatch(/consent wall/);
    expect(article.paragraphs[0]).toMatch(/^The central library will open on Sundays/);
  });

  it('marks a bot-check page as blocked', () => {
    const article = ingestHtml(fixture('bot-check.html'), 'https://news.example/story');
    expect(article.extraction.status).toBe('blocked');
  });

  it('refuses a bare "Access denied" page, saying why', () => {
    const err = errorOf(() =>
      ingestHtml('<title>Access Denied</title><h1>Access Denied</h1><p>Reference #18.abc</p>', null),
    );
    expect(err.code).toBe('no_content');
    expect(err.userMessage).toMatch(/bot check or "access denied"/);
  });

  it('marks an index page of links as unsupported', () => {
    const article = ingestHtml(fixture('listing-page.html'), 'https://lantern.example/world');
    expect(article.extraction.status).toBe('unsupported');
  });

  it('marks a stub as thin, saying how many words were found', () => {
    const article = ingestHtml(
      `<article><h1>Road closed</h1>${body([longParagraphs[0] ?? ''])}</article>`,
      null,
    );
    expect(article.extraction.status).toBe('thin');
    expect(article.extraction.note).toMatch(/^Only 3\d words of article text were found/);
  });

  it('does not call a full article paywalled because its footer says "subscribe"', () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `${longParagraphs[i % 3] ?? ''} (${i})`);
    const html = `<article>${body(paragraphs)}<p>Already a subscriber? Sign in to read our newsletters.</p></article>`;
    expect(ingestHtml(html, null).extraction.status).toBe('ok');
  });
});
