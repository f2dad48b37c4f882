import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { renderText } from '../../../src/render/text.js';

const hostile: Brief = {
  version: 1,
  headline: '# [Official](https://evil.example) **news**',
  summary: ['Click [here](https://evil.example) now.', 'An <img src=x onerror=alert(1)> tag.'],
  keyFacts: [{ text: '`code` and _emphasis_', quote: '> not a quote\u001b[31m red' }],
  entities: { people: [], organizations: [], places: [], dates: [] },
  source: { url: 'https://news.example/a', title: null, siteName: 'News', byline: null, publishedTime: null },
  stats: { words: 20, readingMinutes: 1 },
  language: 'en',
  extraction: { status: 'ok' },
  engine: { name: 'extractive' },
  length: 'standard',
};

describe('markdown output', () => {
  it('escapes article text so it adds no links, markup or HTML', () => {
    const md = renderMarkdown(hostile);
    expect(md).not.toMatch(/[^\\]\]\(https:\/\/evil/);
    expect(md).toContain('\\[Official\\]\\(https://evil\\.example\\)');
    expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(md).toContain('\\`code\\` and \\_emphasis\\_');
    // The only live link is the validated source URL.
    expect(md.match(/<https?:[^>]+>/g)).toEqual(['<https://news.example/a>']);
  });
});

describe('terminal output', () => {
  it('drops control characters an article could use to rewrite the terminal', () => {
    const text = renderText(hostile, { width: 80, color: false });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('[31m red');
  });
});
