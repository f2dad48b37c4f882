import { describe, expect, it } from 'vitest';
import { findLinks, inputsFromMessage } from '../../src/message-input.js';

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
