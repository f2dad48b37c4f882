import { describe, expect, it } from 'vitest';
import {
  foundRun,
  indexTokens,
  percentile,
  prf,
  scorePage,
  splitOf,
  tokenize,
} from '../../../bench/lib/extract-score.js';

describe('bench:extract scoring', () => {
  it('tokenizes case- and punctuation-blind, reading soft hyphens as nothing', () => {
    expect(tokenize('Werk\u00ADzeug-Typen, „gut“!')).toEqual(['werkzeug', 'typen', 'gut']);
  });

  it('credits the longest contiguous run of a snippet, and short snippets only whole', () => {
    const index = indexTokens('The council voted on Tuesday to approve the budget.');
    expect(foundRun(tokenize('council voted on Tuesday to reject it'), index)).toBe(5);
    expect(foundRun(tokenize('voted on Monday'), index)).toBe(0);
    expect(foundRun(tokenize('voted on Tuesday'), index)).toBe(3);
  });

  it('counts expected and unwanted tokens per page', () => {
    const text = 'Main text of the story goes here.\n\nRead more: another story about cats';
    const score = scorePage(
      text,
      ['Main text of the story', 'a missing line here'],
      ['Read more', 'Impressum'],
    );
    expect(score.tokens).toEqual({ tp: 5, fn: 4, fp: 2, tn: 1 });
    expect(score.snippets).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
    expect(score.missed).toEqual(['a missing line here']);
    expect(score.leaked).toEqual(['Read more']);
  });

  it('computes precision, recall and F1, and nearest-rank percentiles', () => {
    expect(prf({ tp: 8, fp: 2, fn: 8, tn: 0 })).toEqual({ precision: 0.8, recall: 0.5, f1: 16 / 26 });
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
  });

  it('splits pages in two halves by a stable hash of the file name', () => {
    const files = Array.from({ length: 200 }, (_, i) => `page-${i}.html`);
    const tune = files.filter((f) => splitOf(f) === 'tune').length;
    expect(tune).toBeGreaterThan(70);
    expect(tune).toBeLessThan(130);
    expect(splitOf('page-1.html')).toBe(splitOf('page-1.html'));
  });
});
