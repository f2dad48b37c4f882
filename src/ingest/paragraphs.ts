import { isElement, TEXT_NODE, type DomElement, type DomNode } from './dom.js';
import { cleanInline, countWords } from './normalize.js';

/**
 * Turns an element into reading-order paragraphs: every block (p, li, blockquote, h2/h3, ...)
 * that holds text becomes one paragraph; inline runs between blocks become their own; nested
 * blocks (a <p> inside a <blockquote> or <li>) are not counted twice.
 */
const BLOCK = new Set(
  [
    'address article aside blockquote body dd details div dl dt fieldset figure footer form',
    'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul',
    'center',
  ]
    .join(' ')
    .split(' '),
);
// Captions and credits describe pictures, not the story.
const SKIP = new Set(['figcaption', 'caption', 'hr']);

/** One paragraph with what its markup said about it, for the boilerplate rules (boilerplate.ts). */
export interface Block {
  text: string;
  /** The innermost block element holding the text: p, li, h2, td, div, ... */
  tag: string;
  /** Characters of the text inside links. */
  linkChars: number;
}

const wordCounts = new WeakMap<Block, number>();

/**
 * A block's words (normalize.ts countWords), counted once: the extraction methods and the
 * boilerplate rules each ask about every block, and on a 5 MiB page counting was a quarter of
 * the extraction's time.
 */
export function blockWords(block: Block): number {
  let n = wordCounts.get(block);
  if (n === undefined) wordCounts.set(block, (n = countWords(block.text)));
  return n;
}

export interface Paragraphs {
  paragraphs: string[];
  blocks: Block[];
  /** Characters of paragraph text inside links, for spotting index pages. */
  linkChars: number;
  chars: number;
}

export function collectParagraphs(root: DomElement): Paragraphs {
  const out: Paragraphs = { paragraphs: [], blocks: [], linkChars: 0, chars: 0 };
  let buffer: string[] = [];
  let bufferLinks = 0;
  let afterBr = false;
  const open: string[] = [root.localName];
  const flush = () => {
    const text = cleanInline(buffer.join(''));
    if (text && /[\p{L}\p{N}]/u.test(text)) {
      const linkChars = Math.min(bufferLinks, text.length);
      out.paragraphs.push(text);
      out.blocks.push({
        text,
        tag: open[open.length - 1] ?? '',
        linkChars,
      });
      out.chars += text.length;
      out.linkChars += linkChars;
    }
    buffer = [];
    bufferLinks = 0;
  };
  // An explicit stack, not recursion: hostile pages nest thousands of elements deep.
  const stack: Array<{ node: DomNode; inLink: boolean } | 'end-block'> = [{ node: root, inLink: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item === 'end-block') {
      flush();
      open.pop();
      continue;
    }
    const { node, inLink } = item;
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      if (t.trim()) afterBr = false;
      buffer.push(t);
      if (inLink) bufferLinks += t.trim().length;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.localName;
    if (SKIP.has(tag)) continue;
    // Old CMSs separate paragraphs with <br><br> inside one block.
    if (tag === 'br') {
      if (afterBr) flush();
      else buffer.push(' ');
      afterBr = !afterBr;
      continue;
    }
    if (BLOCK.has(tag)) {
      flush();
      stack.push('end-block');
      open.push(tag);
    }
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, inLink: inLink || tag === 'a' });
    }
  }
  flush();
  return out;
}
