import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../src/errors.js';
import { countWords, totalWords } from '../../../src/ingest/normalize.js';
import { judgeExtraction, type VerdictInput } from '../../../src/ingest/verdict.js';

/** n words of neutral prose, split into paragraphs of 20 words. */
function words(n: number): string[] {
  const all = Array.from({ length: n }, (_, i) => `word${i}`);
  const out: string[] = [];
  for (let i = 0; i < all.length; i += 20) out.push(all.slice(i, i + 20).join(' ') + '.');
  return out;
}

const web = (n: number, extra: Partial<VerdictInput> = {}): VerdictInput => ({
  paragraphs: words(n),
  source: 'web',
  ...extra,
});

const pasted = (paragraphs: string[], markerText?: string): VerdictInput => ({
  paragraphs,
  source: 'text',
  markerText,
});

describe('extraction verdicts', () => {
  it('counts words, including unspaced Chinese and Japanese text', () => {
    expect(countWords('The U.S. economy grew 2.5% in Q3.')).toBe(7);
    expect(countWords('金曜日、市は新しい橋を開通させた。')).toBe(8);
    expect(countWords('Tokyo東京 and Kyoto京都 are cities.')).toBe(7);
  });

  it('stops counting at a cap, so a threshold never reads a huge text to the end', () => {
    const text = words(100_000).join(' ');
    expect(countWords(text)).toBe(100_000);
    expect(countWords(text, 250)).toBe(250);
    expect(countWords('three short words', 250)).toBe(3);
    expect(totalWords(words(1_000), 40)).toBe(40);
    expect(totalWords(words(30), 40)).toBe(30);
  });

  it('judges a huge text without wall wording at its end mattering', () => {
    const paragraphs = [...words(200_000), 'Subscribe to continue reading.'];
    expect(judgeExtraction({ paragraphs, source: 'web' })).toEqual({ status: 'ok' });
  });

  it.each([
    [web(14), 'no_content'],
    [web(15), 'thin'],
    [web(79), 'thin'],
    [web(80), 'ok'],
    [web(149, { markerText: 'Subscribe to continue reading' }), 'paywalled'],
    [web(150, { markerText: 'Subscribe to continue reading' }), 'ok'],
    [web(249, { paywallMarkup: true }), 'paywalled'],
    [web(250, { paywallMarkup: true }), 'ok'],
    [web(79, { markerText: 'We value your privacy. Accept all cookies.' }), 'paywalled'],
    [web(80, { markerText: 'We value your privacy. Accept all cookies.' }), 'ok'],
    [web(149, { markerText: 'Please verify you are human' }), 'blocked'],
    [web(150, { markerText: 'Please verify you are human' }), 'ok'],
    [web(120, { linkDensity: 0.8 }), 'unsupported'],
    [web(120, { linkDensity: 0.3 }), 'ok'],
    [pasted(['Short.']), 'ok'],
    [pasted(words(100), 'Subscribe to continue reading'), 'paywalled'],
    [pasted(words(130), 'Subscribe to continue reading'), 'ok'],
    [pasted(['Access denied.']), 'blocked'],
  ])('%# => %s', (input, expected) => {
    let status: string;
    try {
      status = judgeExtraction(input).status;
    } catch (err) {
      if (!(err instanceof BriefError)) throw err;
      status = err.code;
    }
    expect(status).toBe(expected);
  });

  it('explains thin and paywalled verdicts to the reader', () => {
    expect(judgeExtraction(web(40)).note).toBe(
      'Only 40 words of article text were found, so this brief may miss context.',
    );
    expect(judgeExtraction(web(40, { paywallMarkup: true })).note).toBe(
      'Based on a teaser: the full article is behind a paywall.',
    );
  });
});
