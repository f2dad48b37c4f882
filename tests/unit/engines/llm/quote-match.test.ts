import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithMap } from '../../../../src/engines/llm/normalize.js';
import { findQuote, quoteIndex } from '../../../../src/engines/llm/quote-match.js';

const article =
  'Los Angeles (CNN) \u2014 The jury of nine women and three men is to decide whether Cherry\u2019s  decision was\nretaliation.\n\n' +
  '\u201cIt was a clear case,\u201d said the lawyer. Prices rose 5\u20137% in the \uFB01rst week.';

describe('normalisation', () => {
  it('folds quote marks, dashes, spacing, case and ligatures', () => {
    expect(normalize('\u201cIt\u2019s\u201d  A\u2014B\n\tC \uFB01ne\u2026')).toBe('"it\'s" a-b c fine...');
  });

  it('maps every normalised unit back to its original offset', () => {
    const src = 'A\u2014  B\uFB01';
    const { text, origin } = normalizeWithMap(src);
    expect(text).toBe('a- bfi');
    expect(origin).toEqual([0, 1, 2, 4, 5, 5]);
  });
});

describe('quote matching', () => {
  const index = quoteIndex(article);

  it('finds a quote retyped with straight quotes, plain dashes, other spacing and case', () => {
    const match = findQuote(index, '"it was a clear case," said the LAWYER');
    expect(match?.text).toBe('\u201cIt was a clear case,\u201d said the lawyer');
    expect(article.slice(match!.start, match!.end)).toBe(match!.text);
  });

  it('returns the article\u2019s own span across a line break and double spaces', () => {
    const match = findQuote(index, "whether Cherry's decision was retaliation");
    expect(match?.text).toBe('whether Cherry\u2019s  decision was\nretaliation');
  });

  it('strips quote marks the model wrapped around the quote', () => {
    expect(findQuote(index, '\u201cnine women and three men\u201d')?.text).toBe('nine women and three men');
  });

  it('matches en dashes typed as hyphens and ligatures typed as letters', () => {
    expect(findQuote(index, 'Prices rose 5-7% in the first week')?.text).toBe(
      'Prices rose 5\u20137% in the \uFB01rst week',
    );
  });

  it('rejects a quote that is not in the article, or only part of a word', () => {
    expect(findQuote(index, 'the jury of ten women')).toBeNull();
    expect(findQuote(index, 'ury of nine')).toBeNull();
    expect(findQuote(index, '   ')).toBeNull();
  });

  it('rejects a quote stitched together with an ellipsis', () => {
    expect(findQuote(index, 'The jury ... three men')).toBeNull();
  });
});
