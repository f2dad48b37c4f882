import type { Article } from '../article.js';
import { BriefError } from '../errors.js';
import { headingOf, looksLikeMarkdown, stripMarkdownBlocks, stripMarkdownInline } from './markdown.js';
import { cleanInline, countWords, endsLikeSentence, normalizeBlockText } from './normalize.js';
import { isWallPrompt, judgeExtraction } from './verdict.js';

/**
 * Pasted text, .txt and .md files. Paragraphs are separated by blank lines; single newlines inside a
 * paragraph are hard wraps and join with a space, except list items, which stay separate.
 */
export type TextFormat = 'plain' | 'markdown' | 'auto';

export interface TextOptions {
  /** `auto` (default) treats the text as Markdown only when it uses Markdown-only syntax. */
  format?: TextFormat;
}

const LIST_ITEM = /^[ \t]*(?:[-*+•◦▪‣]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
const TITLE_MAX_WORDS = 20;
const TITLE_MAX_CHARS = 160;

export const emptyInput = () =>
  new BriefError('empty_input', 'There is no text to brief. Paste an article, or give a link or a file.');

interface Block {
  text: string;
  lines: number;
  heading: number;
}

function toBlocks(text: string, markdown: boolean): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    let current: string[] = [];
    const flush = () => {
      const joined = cleanInline(current.join(' '));
      if (joined) blocks.push({ text: joined, lines: current.length, heading: 0 });
      current = [];
    };
    for (const rawLine of chunk.split('\n')) {
      const heading = markdown ? headingOf(rawLine) : null;
      if (heading) {
        flush();
        const h = cleanInline(stripMarkdownInline(heading.text));
        if (h) blocks.push({ text: h, lines: 1, heading: heading.level });
        continue;
      }
      const item = LIST_ITEM.exec(rawLine);
      if (item) flush();
      const line = item ? rawLine.slice(item[0].length) : rawLine;
      current.push(markdown ? stripMarkdownInline(line) : line);
    }
    flush();
  }
  return blocks;
}

function isTitleLine(block: Block): boolean {
  return (
    block.lines === 1 &&
    block.text.length <= TITLE_MAX_CHARS &&
    countWords(block.text) <= TITLE_MAX_WORDS &&
    !endsLikeSentence(block.text)
  );
}

export function textToArticle(input: string, options: TextOptions = {}): Article {
  let text = normalizeBlockText(input);
  if (!text.trim()) throw emptyInput();
  const markdown = options.format === 'markdown' || (options.format !== 'plain' && looksLikeMarkdown(text));
  let title: string | null = null;
  if (markdown) {
    const stripped = stripMarkdownBlocks(text);
    text = stripped.text;
    title = stripped.title ? cleanInline(stripped.title) : null;
  }
  const blocks = toBlocks(text, markdown);
  const first = blocks[0];
  if (
    !title &&
    first &&
    blocks.length > 1 &&
    (first.heading === 1 || (first.heading === 0 && isTitleLine(first)))
  ) {
    title = first.text;
    blocks.shift();
  }
  let byline: string | null = null;
  const next = blocks[0];
  if (title && next && blocks.length > 1 && /^by\s+\p{Lu}/iu.test(next.text) && countWords(next.text) <= 8) {
    byline = next.text.replace(/^by\s+/i, '');
    blocks.shift();
  }
  const all = blocks.map((b) => b.text);
  if (all.length === 0) throw emptyInput();
  // A pasted teaser's "Subscribe to continue" line is not text to brief (the verdict still sees it).
  const kept = all.filter((p) => !isWallPrompt(p));
  const paragraphs = kept.length > 0 ? kept : all;
  return {
    title,
    paragraphs,
    url: null,
    siteName: null,
    byline,
    publishedTime: null,
    declaredLanguage: null,
    extraction: judgeExtraction({ paragraphs, source: 'text', markerText: all.join('\n') }),
  };
}
