import { describe, expect, it } from 'vitest';
import { ARTICLE_MIN_WORDS, findLinks, inputsFromMessage, withoutLinks } from '../../src/message-input.js';
import { countWords } from '../../src/text/tokens.js';

describe('links in a message', () => {
  it.each([
    ['see https://example.com/a.', ['https://example.com/a']],
    [
      '(https://example.com/a) and https://example.com/b, ok',
      ['https://example.com/a', 'https://example.com/b'],
    ],
    ['https://en.wikipedia.org/wiki/Foo_(bar) yes', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
    ['twice https://x.test/1 https://x.test/1', ['https://x.test/1']],
    ['no links here, ftp://x.test either', []],
  ])('%s', (text, expected) => {
    expect(findLinks(text)).toEqual(expected);
  });

  it('briefs links when there are any, else the text, else nothing', () => {
    expect(inputsFromMessage('read https://x.test/a')).toEqual([{ kind: 'url', url: 'https://x.test/a' }]);
    expect(inputsFromMessage('A pasted story. It has sentences.')).toEqual([
      { kind: 'text', text: 'A pasted story. It has sentences.' },
    ]);
    expect(inputsFromMessage('   ')).toEqual([]);
    const many = Array.from({ length: 6 }, (_, i) => `https://x.test/${i}`).join(' ');
    expect(inputsFromMessage(many)).toHaveLength(3);
  });
});

/** n distinct words: "w1 w2 ... wn". */
const wordsText = (n: number) => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');

describe('a link, or a pasted article with links in it', () => {
  const link = 'https://news.example/story';

  it('briefs the link when the text around it is 30 words or fewer', () => {
    expect(ARTICLE_MIN_WORDS).toBe(31);
    for (const around of [0, 1, 8, 9, 30]) {
      const text = `${wordsText(Math.floor(around / 2))} ${link} ${wordsText(Math.ceil(around / 2))}`;
      expect(countWords(withoutLinks(text)), text).toBe(around);
      expect(inputsFromMessage(text), text).toEqual([{ kind: 'url', url: link }]);
    }
  });

  it('briefs the text, without fetching its links, from 31 words on', () => {
    const text = `${wordsText(20)} ${link} ${wordsText(11)}`;
    const inputs = inputsFromMessage(text);
    expect(inputs).toEqual([{ kind: 'text', text: `${wordsText(20)} ${wordsText(11)}` }]);
  });

  it('reads a pasted article with cited links as the article, links left out', () => {
    const article =
      'The Harbor Bridge reopened on Monday after eight months of repairs (https://city.example/press), the city said.\n\n' +
      'The work cost $42 million, according to https://council.example/budget. About 60,000 vehicles cross it every day, ' +
      'and cyclists now get a lane of their own.';
    expect(inputsFromMessage(article)).toEqual([
      {
        kind: 'text',
        text:
          'The Harbor Bridge reopened on Monday after eight months of repairs, the city said.\n\n' +
          'The work cost $42 million, according to. About 60,000 vehicles cross it every day, ' +
          'and cyclists now get a lane of their own.',
      },
    ]);
  });

  it('briefs at most three links of a short message', () => {
    const text = `four links: ${[1, 2, 3, 4].map((i) => `https://x.test/${i}`).join(' ')}`;
    expect(inputsFromMessage(text).map((i) => i.kind === 'url' && i.url)).toEqual([
      'https://x.test/1',
      'https://x.test/2',
      'https://x.test/3',
    ]);
  });
});
