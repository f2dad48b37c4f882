import { describe, expect, it } from 'vitest';
import {
  countTokens,
  informativeness,
  selectParagraphs,
  truncateToTokens,
} from '../../../../src/engines/llm/budget.js';

/** One token per word keeps the arithmetic of these tests readable. */
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const para = (n: number, word = 'filler') => Array.from({ length: n }, () => word).join(' ');

describe('input token budget', () => {
  it('sends a short article whole', () => {
    const paragraphs = ['One two three.', 'Four five six.'];
    const sel = selectParagraphs(paragraphs, 100, { count: words });
    expect(sel).toMatchObject({ positions: [0, 1], partial: false, tokensSent: 10, tokensTotal: 10 });
    expect(sel.paragraphs).toEqual(paragraphs);
  });

  it('keeps the lead and the most informative paragraphs, in article order, within the budget', () => {
    const paragraphs = [
      'The council approved the bridge repair budget on Tuesday after a long debate.',
      para(30),
      'The bridge repair will cost $48 million, the council said; the bridge carries 31,000 cars.',
      para(30),
      'Weather was mild.',
    ];
    const sel = selectParagraphs(paragraphs, 45, { title: 'Council approves bridge repair', count: words });
    expect(sel.partial).toBe(true);
    expect(sel.positions[0]).toBe(0);
    expect(sel.positions).toContain(2);
    expect(sel.positions).not.toContain(1);
    expect([...sel.positions].sort((a, b) => a - b)).toEqual(sel.positions);
    expect(sel.tokensSent).toBeLessThanOrEqual(45);
    expect(sel.paragraphs).toEqual(sel.positions.map((i) => paragraphs[i]));
  });

  it('cuts a single giant paragraph to its beginning', () => {
    const giant = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const sel = selectParagraphs([giant], 100);
    expect(sel.partial).toBe(true);
    expect(sel.tokensSent).toBeLessThanOrEqual(100);
    expect(giant.startsWith(sel.paragraphs[0]!)).toBe(true);
    expect(sel.paragraphs[0]).toMatch(/\.$/);
  });

  it('handles an empty article', () => {
    expect(selectParagraphs([], 100).positions).toEqual([]);
  });

  it('counts tokens with the real tokenizer', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(truncateToTokens('short', 10)).toBe('short');
  });

  it('rates paragraphs with recurring topic words and numbers above filler', () => {
    const scores = informativeness(
      [
        'The bridge repair costs $48 million.',
        'It was a nice day, people said.',
        'Bridge repair starts in 2026.',
      ],
      'Bridge repair',
    );
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[2]).toBeGreaterThan(scores[1]!);
  });
});
