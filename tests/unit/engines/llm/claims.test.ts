import { describe, expect, it } from 'vitest';
import { claimIndex, unsupportedClaims } from '../../../../src/engines/llm/claims.js';

const article =
  'WASHINGTON (CNN) -- Sheridan is asking for $5.7 million in damages from ABC and Marc Cherry. ' +
  'The jury of nine women and three men met on Wednesday, March 3, 2010. Obama\u2019s aides said 1,200 people attended. ' +
  'Twenty-one lawmakers and the Pentagon disagreed.';
const index = claimIndex(article);
const names = { checkNames: true };

describe('claims that must appear in the article', () => {
  it('accepts numbers written the way the article writes them, or as number words', () => {
    expect(unsupportedClaims('She wants $5.7 million from 9 women', index, names)).toEqual([]);
    expect(unsupportedClaims('1200 people attended in 2010', index, names)).toEqual([]);
    expect(unsupportedClaims('21 lawmakers disagreed', index, names)).toEqual([]);
  });

  it('flags a number the article never mentions', () => {
    expect(unsupportedClaims('She wants $7.5 million', index, names)).toEqual(['7.5']);
    expect(unsupportedClaims('The trial began in 2009', index, names)).toEqual(['2009']);
  });

  it('accepts names, months and days the article mentions, including possessives and plurals', () => {
    expect(
      unsupportedClaims("Cherry's lawyers and ABC met Obama on Wednesday in March", index, names),
    ).toEqual([]);
    expect(unsupportedClaims('The Pentagon disagreed', index, names)).toEqual([]);
  });

  it('flags a name, month or weekday that appears nowhere in the article', () => {
    expect(unsupportedClaims('Judge Smith ruled on Friday', index, names)).toEqual([
      'Judge',
      'Smith',
      'Friday',
    ]);
    expect(unsupportedClaims('It happened in April', index, names)).toEqual(['April']);
  });

  it('does not treat a capitalised word at a sentence start as a name, unless a name follows', () => {
    expect(unsupportedClaims('However, the jury met. Deliberations began.', index, names)).toEqual([]);
    expect(unsupportedClaims('Jurors met. John Smith said so.', index, names)).toEqual(['John', 'Smith']);
  });

  it('checks numbers only when names cannot be compared (another output language)', () => {
    expect(unsupportedClaims('Richter Schmidt verlangt 7,5 Millionen', index, { checkNames: false })).toEqual(
      ['7,5'],
    );
  });
});
