import { describe, expect, it } from 'vitest';
import { quoteRepeatsFact } from '../../../src/render/fact-display.js';

describe('a quote that repeats its fact', () => {
  it.each([
    ['Fares stay at $2.', 'However, fares stay at $2.', true],
    ['Fares stay at $2.', 'LONDON (CNN) -- Fares stay at $2, officials said.', false],
    ['Fares stay at $2.', 'Fares stay at $2, the mayor said.', false],
    ['Cost 38 million euros', 'The terminal cost 38 million euros', false],
    [
      'The council voted 7 to 2 on Monday to keep fares at $2 for another year.',
      'The council voted 7 to 2 on Monday to keep fares at $2 for another year, the clerk said.',
      true,
    ],
    ['Fares are frozen.', 'The council voted 7 to 2 to keep fares at $2 for a year.', false],
  ])('%s / %s => %s', (text, quote, expected) => {
    expect(quoteRepeatsFact({ text, quote })).toBe(expected);
  });
});
