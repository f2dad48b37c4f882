/**
 * Text and Markdown cleaning cost linear time whatever the input: a crafted line (thousands of
 * "![" or "**" without a closer, a long run of spaces) took minutes through patterns that scan to
 * the end of the line from every opener. These inputs would hang the suite if that came back; the
 * assertions are about the output, never the time. The reference patterns below are the old ones:
 * on ordinary text the new code must answer exactly as they did.
 */
import { describe, expect, it } from 'vitest';
import { headingOf, stripMarkdownInline } from '../../../src/ingest/markdown.js';
import { normalizeBlockText } from '../../../src/ingest/normalize.js';
import { ingestText } from '../../../src/ingest/index.js';

const referenceHeading = (line: string) => {
  const m = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
  return m ? { level: m[1]?.length ?? 1, text: m[2] ?? '' } : null;
};
const referenceEmphasis = (line: string) =>
  line
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');

/** Deterministic pseudo-random lines from the characters that matter to a pattern. */
function* lines(alphabet: string[], count: number): Generator<string> {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i += 1) {
    let s = '';
    const n = 1 + Math.floor(next() * 16);
    for (let k = 0; k < n; k += 1) s += alphabet[Math.floor(next() * alphabet.length)] ?? '';
    yield s;
  }
}

describe('Markdown patterns answer as the regular expressions they replace', () => {
  it('headings', () => {
    for (const line of lines(['#', '##', ' ', '\t', 'a', 'b#', ' #'], 20_000)) {
      expect(headingOf(line)).toEqual(referenceHeading(line));
    }
  });

  it('bold, emphasis and strike-through', () => {
    for (const line of lines(['**', '__', '*', '_', '~~', ' ', 'a', 'b', '.', '\t'], 50_000)) {
      expect(stripMarkdownInline(line)).toBe(referenceEmphasis(line));
    }
  });

  it('links, images and tags in ordinary text', () => {
    expect(
      stripMarkdownInline(
        'See ![a chart](https://x.test/c.png) the [report](https://x.test/r "Report") and [notes][1], ' +
          '<https://x.test/a> or <b>bold</b> `code`.',
      ),
    ).toBe('See  the report and notes, https://x.test/a or bold code.');
  });
});

describe('crafted inputs cost linear time', () => {
  const big = 2_000_000;

  it('a long run of spaces that does not end a line', () => {
    const text = `a${' '.repeat(big)}b\nc \t \nd`;
    expect(normalizeBlockText(text)).toBe(`a${' '.repeat(big)}b\nc\nd`);
  });

  it('a heading with a long run of spaces inside', () => {
    expect(headingOf(`# a${' '.repeat(big)}b ##`)).toEqual({ level: 1, text: `a${' '.repeat(big)}b` });
  });

  it.each([
    ['images without a closing bracket', 'w ![b '],
    ['links without a closing bracket', 'w [b '],
    ['links without a closing parenthesis', 'w [a](b '],
    ['bold without a closer', 'w **b '],
    ['strike-through without a closer', 'w ~~b '],
    ['tags without ">"', 'w <a href '],
    ['autolinks without ">"', '<http://a'],
  ])('%s', (_name, piece) => {
    const line = piece.repeat(big / piece.length);
    expect(stripMarkdownInline(line)).toBe(line);
  });

  it('a whole crafted Markdown text', () => {
    const text = `# Title\n\n${'w **b ![c [d <e '.repeat(big / 16)}\n\n<!-- ${'x '.repeat(big / 2)}`;
    const article = ingestText(text);
    expect(article.title).toBe('Title');
    expect(article.paragraphs[0]?.startsWith('w **b ![c [d <e')).toBe(true);
  });
});
