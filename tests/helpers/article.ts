import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/article.js';

/** An Article shaped as ingestText makes it: paragraphs split on blank lines. */
export function makeArticle(text: string, overrides: Partial<Article> = {}): Article {
  return {
    title: null,
    paragraphs: text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    url: null,
    siteName: null,
    byline: null,
    publishedTime: null,
    declaredLanguage: null,
    extraction: { status: 'ok' },
    ...overrides,
  };
}

/** The bundled sample (examples/summit-article.txt): first line the title, then the paragraphs. */
export function sampleArticle(): Article {
  const raw = readFileSync(
    fileURLToPath(new URL('../../examples/summit-article.txt', import.meta.url)),
    'utf8',
  );
  const newline = raw.indexOf('\n');
  return makeArticle(raw.slice(newline + 1), { title: raw.slice(0, newline).trim() });
}
