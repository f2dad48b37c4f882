import { readFileSync } from 'node:fs';
import type { Route } from './article-server.js';

/** examples/summit-article.txt as an article page: first line the title, then paragraphs. */
export function summitPage(): Route {
  const raw = readFileSync(new URL('../../examples/summit-article.txt', import.meta.url), 'utf8');
  const [title = '', ...rest] = raw.split(/\n\s*\n/).map((p) => p.trim());
  return { body: articleHtml(title, rest.filter(Boolean)) };
}

/** What an attacker would put in an article to make a bot ping a channel or plant a link. */
export const INJECTION = '<!channel> <!here> <@U123> <https://evil.example|click here> <!subteam^S1>';

/** A long enough news-like article whose title and paragraphs all carry the injection. */
export function injectionPage(): Route {
  const paragraphs = [
    `City officials announced on Monday that the harbour bridge will close for repairs next spring. ${INJECTION}`,
    `The repairs will cost about 40 million euros and take nine months, the transport department said. ${INJECTION} Commuters will be offered extra ferries.`,
    `Mayor Anna Berg said the closure was unavoidable after inspectors found corrosion in the main cables. "We cannot wait any longer," she said. ${INJECTION}`,
    `Local businesses warned that the closure could cut trade by a fifth during the works. ${INJECTION} The chamber of commerce asked for compensation.`,
    `The bridge, opened in 1962, carries about 60,000 vehicles a day. ${INJECTION} A public meeting is planned for next month.`,
  ];
  return {
    body: articleHtml(
      `Harbour bridge to close ${INJECTION}`,
      paragraphs,
      '<link rel="canonical" href="https://evil.example/">',
    ),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain article page from a title and paragraphs (text is HTML-escaped, as a real CMS would). */
export function articleHtml(title: string, paragraphs: string[], extraHead = ''): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>${extraHead}</head><body>`,
    '<nav><a href="/">Home</a> <a href="/world">World</a></nav>',
    `<main><article><h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</article></main><footer>© Test News</footer></body></html>',
  ].join('\n');
}
