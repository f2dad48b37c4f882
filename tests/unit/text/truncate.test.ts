import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitEscaped, truncate } from '../../../src/text/truncate.js';

describe('grapheme-safe truncation', () => {
  it('leaves text that fits alone, and marks a cut with an ellipsis', () => {
    expect(truncate('short', 5)).toBe('short');
    expect(truncate('a longer text', 8)).toBe(`a longe${ELLIPSIS}`);
    expect(truncate('abc', 0)).toBe('');
  });

  it('never cuts inside a grapheme, and trims the space before the ellipsis', () => {
    const flag = '🇩🇪';
    // A flag is 4 UTF-16 units: 5 hold one and the ellipsis, 4 hold only the ellipsis.
    expect(truncate(`${flag}${flag}${flag}`, 5)).toBe(`${flag}${ELLIPSIS}`);
    expect(truncate(`${flag}${flag}${flag}`, 4)).toBe(ELLIPSIS);
    expect(truncate('word next', 6)).toBe(`word${ELLIPSIS}`);
  });

  it('fits escaped text by cutting the raw text first, so no escape is split', () => {
    const escape = (s: string) => s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
    expect(fitEscaped('<<<<<<<<', 12, escape)).toBe(`&lt;&lt;${ELLIPSIS}`);
    // An escape that depends on where a line starts sees the same text it would in full.
    const quoteAtLineStart = (s: string) => s.replace(/^>/gm, '\\>');
    expect(fitEscaped('> quoted line that is long', 10, quoteAtLineStart)).toBe(`\\> quoted${ELLIPSIS}`);
    expect(fitEscaped('fine', 10, escape)).toBe('fine');
  });
});
