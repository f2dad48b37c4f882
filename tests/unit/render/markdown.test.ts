import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import { escapeMarkdown, renderMarkdown } from '../../../src/render/markdown.js';
import { renderText } from '../../../src/render/text.js';
import { sampleBrief } from '../../helpers/sample-brief.js';

/** The reference behaviour: CommonMark with raw HTML on (what a hostile text would use). */
const commonmark = new MarkdownIt('commonmark', { html: true });
/**
 * GitHub-style extras: links with a scheme, www. links and e-mail addresses in text become links;
 * ~~strike~~. (markdown-it also links bare domains such as bbc.com, which GitHub does not: not tested.)
 */
const gfm = new MarkdownIt({ html: true, linkify: true });

const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const hostile: Brief = {
  ...sampleBrief(),
  headline: '# [Official](https://evil.example) **news**',
  summary: ['Click [here](https://evil.example) now.', 'An <img src=x onerror=alert(1)> tag.'],
  keyFacts: [{ text: '`code` and _emphasis_', quote: '> not a quote\u001b[31m red' }],
};

describe('markdown escaping', () => {
  it.each([
    'Kim Jong-un',
    'Ukraine.',
    'snake_case_name',
    'a < b > c',
    '5 * 3 = 15',
    'U.S. (and) {x} #1 + 2! | ok',
    '10:30',
  ])('leaves %j as it is: nothing there is Markdown', (text) => {
    expect(escapeMarkdown(text)).toBe(text);
    expect(commonmark.render(escapeMarkdown(text))).toBe(`<p>${html(text)}</p>\n`);
  });

  it.each([
    ['1. item', '1\\. item'],
    ['2024) a year', '2024\\) a year'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['* item', '\\* item'],
    ['*bold*', '\\*bold\\*'],
    ['**strong**', '\\*\\*strong\\*\\*'],
    ['_em_', '\\_em\\_'],
    ['[x](y)', '\\[x\\](y)'],
    ['![img](y)', '!\\[img\\](y)'],
    ['`code`', '\\`code\\`'],
    ['<b>bold</b>', '\\<b>bold\\</b>'],
    ['<https://evil.example>', '\\<https\\://evil.example>'],
    ['# heading', '\\# heading'],
    ['> quote', '\\> quote'],
    ['---', '\\---'],
    ['&amp; and &#169;', '\\&amp; and \\&#169;'],
    ['C:\\path\\', 'C:\\path\\\\'],
  ])('escapes %j only where Markdown reads it: %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
    expect(commonmark.render(escaped)).toBe(`<p>${html(text)}</p>\n`);
  });

  it.each(['https://evil.example/path', 'see www.evil.com now', 'mail me@evil.com', '~~gone~~ and ~x~'])(
    'keeps GitHub from turning %j into a link or strikethrough',
    (text) => {
      expect(gfm.render(escapeMarkdown(text))).toBe(`<p>${html(text)}</p>\n`);
    },
  );

  it('is literal text at the start of a list item, a quote, a heading and inside emphasis', () => {
    for (const text of ['1. item', '- item', '# x', '> y', '*bold* [x](y)', 'Title #', '---']) {
      expect(commonmark.render(`- ${escapeMarkdown(text)}`)).toBe(`<ul>\n<li>${html(text)}</li>\n</ul>\n`);
      expect(commonmark.render(`> ${escapeMarkdown(text)}`)).toBe(
        `<blockquote>\n<p>${html(text)}</p>\n</blockquote>\n`,
      );
      expect(commonmark.render(`## ${escapeMarkdown(text, 'inline')}`)).toBe(`<h2>${html(text)}</h2>\n`);
      expect(commonmark.render(`_${escapeMarkdown(text, 'inline')}_`)).toBe(
        `<p><em>${html(text)}</em></p>\n`,
      );
    }
  });
});

describe('markdown output', () => {
  it('adds no links, markup or HTML from article text: the one link is the source', () => {
    const md = renderMarkdown(hostile);
    const out = gfm.render(md);
    expect(out.match(/<a [^>]*>/g)).toEqual(['<a href="https://news.example/world/summit">']);
    expect(out).not.toMatch(/<img|<h1|<code|<em>emphasis|<strong>news/);
    expect(out).toContain('<h2># [Official](https://evil.example) **news**</h2>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('reads plainly: "Kim Jong-un" and "Ukraine." unescaped, a quote shown once when it repeats its fact', () => {
    const md = renderMarkdown(
      sampleBrief({
        summary: ['Kim Jong-un met Vladimir Putin in Russia.', 'The war in Ukraine was discussed.'],
        keyFacts: [
          { text: 'The leaders met on Wednesday.', quote: 'The leaders met on Wednesday.' },
          {
            text: 'Munitions were on the agenda',
            quote: 'provide the munitions required by the Russian army',
          },
        ],
      }),
    );
    expect(md).toContain('Kim Jong-un met Vladimir Putin in Russia. The war in Ukraine was discussed.');
    expect(md).toContain(
      '- The leaders met on Wednesday.\n- Munitions were on the agenda\n  > provide the munitions',
    );
  });
});

describe('terminal output', () => {
  it('drops control characters an article could use to rewrite the terminal', () => {
    const text = renderText(hostile, { width: 80, color: false });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('[31m red');
  });
});
