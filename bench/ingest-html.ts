/**
 * HTML extraction cost: `npx tsx bench/ingest-html.ts`. Prints ms per page for our full pipeline
 * (parse, metadata, cleaning, Readability, paragraphs, verdict) beside bare Readability over
 * linkedom on the same pages in the same run, plus the hostile shapes the guards exist for.
 */
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ingestHtml } from '../src/ingest/index.js';

const fixture = readFileSync(new URL('../tests/fixtures/ingest/news-page.html', import.meta.url), 'utf8');
const paragraph =
  'The council voted on Tuesday to approve the new budget for the city, after a long debate about schools and roads. ';
const block = `<div class="x"><p>${paragraph.repeat(2)}<a href="/a">link</a></p><span>meta</span></div>`;
const pages: Array<[string, string, number]> = [
  ['news page fixture (5 KB)', fixture, 300],
  ['long article (150 KB)', `<html><body><article>${block.repeat(500)}</article></body></html>`, 20],
  ['huge page (2.4 MB, 48k elements)', `<html><body><main>${block.repeat(12_000)}</main></body></html>`, 3],
  [
    'deep nesting (3,000 levels)',
    '<div>'.repeat(3000) + `<p>${paragraph}</p>`.repeat(5) + '</div>'.repeat(3000),
    3,
  ],
];

function time(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - started) / runs;
}

const bareReadability = (html: string) => {
  // Readability's DOM types are `any` without lib "dom"; linkedom's document is what it needs.
  const window = parseHTML(html) as unknown as { document: object };
  return new Readability(window.document).parse();
};

console.log('page'.padEnd(36), 'ingestHtml ms'.padStart(14), 'bare Readability ms'.padStart(20));
for (const [name, html, runs] of pages) {
  const ours = time(runs, () => ingestHtml(html, 'https://news.example/story'));
  // Bare Readability at 3,000 levels runs for minutes over linkedom: not timed, only noted.
  const bare = name.startsWith('deep')
    ? 'minutes (skipped)'
    : time(runs, () => bareReadability(html)).toFixed(1);
  console.log(name.padEnd(36), ours.toFixed(1).padStart(14), bare.padStart(20));
}
console.log(`peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
