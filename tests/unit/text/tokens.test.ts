/**
 * words, firstWords and countWords scan by hand; they must find exactly what the regular
 * expression they replaced found, surrogate pairs, marks and joiners included.
 */
import { describe, expect, it } from 'vitest';
import { countWords, firstWords, words } from '../../../src/text/tokens.js';

const WORD = /[\p{L}\p{N}]+(?:[.,'\u2019-][\p{L}\p{N}]+)*/gu;
const ALPHABET = [
  'a',
  'Z',
  '5',
  ' ',
  '.',
  ',',
  "'",
  '\u2019',
  '-',
  '--',
  'é',
  '\u0301',
  '漢',
  '𝐀',
  '\ud835',
  '٣',
  '\n',
  '!',
  'ß',
  '\u00b2',
];

function* strings(count: number): Generator<string> {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i += 1) {
    let s = '';
    const n = Math.floor(next() * 14);
    for (let k = 0; k < n; k += 1) s += ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '';
    yield s;
  }
}

describe('word scanning', () => {
  it('finds the same words as the regular expression', () => {
    for (const s of strings(50_000)) {
      const expected = s.match(WORD) ?? [];
      expect(words(s)).toEqual(expected);
      expect(countWords(s)).toBe(expected.length);
      expect(firstWords(s, 2)).toEqual(expected.slice(0, 2));
    }
  });

  it('counts words the way readers do', () => {
    expect(words("Kim Jong-un's 40,000 troops don't move, 3.5 km.")).toEqual([
      'Kim',
      "Jong-un's",
      '40,000',
      'troops',
      "don't",
      'move',
      '3.5',
      'km',
    ]);
    expect(firstWords('one two three', 0)).toEqual([]);
  });
});
