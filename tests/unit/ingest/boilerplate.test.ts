import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleText } from '../../../src/article.js';
import type { Removed } from '../../../src/ingest/boilerplate.js';
import { extractHtml } from '../../../src/ingest/extract-html.js';

/**
 * One page per boilerplate rule (tests/fixtures/ingest/boilerplate-*.html): the rule must fire on
 * its page, the boilerplate must be gone, and every article paragraph must still be there.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');

function extract(name: string) {
  const removed: Removed[] = [];
  const article = extractHtml(fixture(name), 'https://news.example/story', removed);
  return { article, text: articleText(article), removed, rules: new Set(removed.map((r) => r.rule)) };
}

describe('boilerplate lines inside the article container', () => {
  it('drops "Read also: <link>" teasers, keeps a written-out address (link-teaser)', () => {
    const { article, text, rules } = extract('boilerplate-link-teasers.html');
    expect(rules).toContain('link-teaser');
    expect(text).not.toMatch(/Read also|Bus fares to rise|Lea también|El tranvía/);
    expect(text).toContain('trams@northgate.example');
    expect(article.paragraphs).toHaveLength(6);
  });

  it('drops a heading left without text ("Elsewhere in the city" over a link list), keeps a heading with text (orphan-heading)', () => {
    const { article, text, rules } = extract('boilerplate-orphan-heading.html');
    expect(rules).toContain('orphan-heading');
    expect(text).not.toMatch(/Elsewhere in the city|cycle lanes|Museum to charge/);
    expect(article.paragraphs).toContain('What changes');
    expect(article.paragraphs.at(-1)).toMatch(/^Librarians said/);
  });

  it('drops "PUBLISHED: ... | UPDATED: ..." and "Stand: 05.03.2024" datelines (dateline)', () => {
    const { article, text, rules } = extract('boilerplate-datelines.html');
    expect(rules).toContain('dateline');
    expect(text).not.toMatch(/PUBLISHED|UPDATED|Stand:/);
    expect(article.paragraphs[0]).toMatch(/^The island ferry operator/);
    // A sentence that mentions a date and a time is text, not a dateline.
    expect(text).toContain('leave the mainland at 23:30 and arrive at 01:15');
  });

  it('drops a byline line the page metadata does not spell the same way (byline)', () => {
    const { article, text, rules } = extract('boilerplate-byline.html');
    expect(rules).toContain('byline');
    expect(text).not.toContain('Weather Desk');
    expect(article.byline).toBe('Sam Keel');
    expect(article.paragraphs[0]).toMatch(/^Forecasters issued a heatwave warning/);
  });

  it('drops photo credits written as lines of their own (credit)', () => {
    const { article, text, rules } = extract('boilerplate-credits.html');
    expect(rules).toContain('credit');
    expect(text).not.toMatch(/Photo:|Getty/);
    expect(article.paragraphs).toHaveLength(4);
  });

  it('drops "Sign up" and "Read more:" prompts (prompt)', () => {
    const { article, text, rules } = extract('boilerplate-prompts.html');
    expect(rules).toContain('prompt');
    expect(text).not.toMatch(/newsletter|Read more|shorter school holidays/);
    expect(article.paragraphs).toHaveLength(4);
  });

  it('drops share bars and comment counts (widget)', () => {
    const { article, text, rules } = extract('boilerplate-share-comments.html');
    expect(rules).toContain('widget');
    expect(text).not.toMatch(/^Share$|Facebook|12 comments/m);
    expect(article.paragraphs).toHaveLength(4);
  });

  it('keeps the first of a repeated line (a pull quote) and drops the repeat (repeat)', () => {
    const { article, rules } = extract('boilerplate-repeat.html');
    expect(rules).toContain('repeat');
    const quote = article.paragraphs.filter((p) => p.includes('It sounds better than it ever did'));
    expect(quote).toHaveLength(1);
    expect(article.paragraphs).toHaveLength(5);
  });

  it('reads every entry of a live blog and leaves its time stamps out', () => {
    const { article, text } = extract('density-live-blog.html');
    expect(article.paragraphs).toHaveLength(6);
    expect(text).not.toMatch(/^\d\d:\d\d$/m);
  });
});

describe('boilerplate blocks removed before Readability (by markup)', () => {
  it('drops figures with their credits and WordPress captions', () => {
    const { article, text } = extract('boilerplate-figure-caption.html');
    expect(text).not.toMatch(/Harbour Photo Agency|last keeper|Picture by/);
    expect(article.paragraphs).toHaveLength(4);
  });

  it('drops post metadata, the author box and the tag list', () => {
    const { article, text } = extract('boilerplate-author-box.html');
    expect(text).not.toMatch(/Posted in|covers transport and housing|Tags:/);
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[0]).toMatch(/^Night buses will run every night/);
  });

  it('drops ruby annotations (furigana), which would double every annotated word', () => {
    const { article } = extract('ruby-annotations.html');
    expect(article.paragraphs[0]).toBe(
      '市は新しい図書館を来年の春に開くと発表しました。図書館には子どものための部屋もあります。',
    );
  });

  it('keeps a page wrapped in one big <form> without <article> or <p> (ASP.NET style), not its search box', () => {
    const { article, text } = extract('form-wrapped-recipe.html');
    expect(article.paragraphs[0]).toMatch(/^A retro cake/);
    expect(text).toContain('Heat the oven to 180 degrees');
    expect(text).toContain('Serve warm or at room temperature');
    expect(text).not.toMatch(/Search|Sign up|new recipe every week/);
  });
});
