import { describe, expect, it } from 'vitest';
import { datelineLength, splitSentences, stripDateline } from '../../../src/text/sentences.js';

const split = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences on news text', () => {
  it.each([
    [
      'titles never end a sentence',
      'Mr. Smith met Dr. Jones and Gov. Brown. They talked.',
      ['Mr. Smith met Dr. Jones and Gov. Brown.', 'They talked.'],
    ],
    [
      'Sen., Rep., Gen., Lt., St.',
      'Sen. Ann Lee and Rep. Bo Kim met Gen. Cy Dunn and Lt. Di Wu in St. Paul. Then lunch.',
      ['Sen. Ann Lee and Rep. Bo Kim met Gen. Cy Dunn and Lt. Di Wu in St. Paul.', 'Then lunch.'],
    ],
    [
      'U.S. before a name continues',
      'U.S. officials met U.N. envoys. They agreed.',
      ['U.S. officials met U.N. envoys.', 'They agreed.'],
    ],
    [
      'U.S. at the end of a sentence',
      'He moved to the U.S. The company followed.',
      ['He moved to the U.S.', 'The company followed.'],
    ],
    [
      'initials',
      'J.K. Rowling met George W. Bush. It was brief.',
      ['J.K. Rowling met George W. Bush.', 'It was brief.'],
    ],
    [
      'a.m. before a day continues',
      'They met at 10 a.m. Tuesday in Oslo. It rained.',
      ['They met at 10 a.m. Tuesday in Oslo.', 'It rained.'],
    ],
    [
      'decimals and prices',
      'The firm sold 3.5 million units at $4.99. Sales rose.',
      ['The firm sold 3.5 million units at $4.99.', 'Sales rose.'],
    ],
    [
      'months and No. before a digit',
      'On Jan. 5 he was No. 1 again. He said no. Then he left.',
      ['On Jan. 5 he was No. 1 again.', 'He said no.', 'Then he left.'],
    ],
    [
      'company suffixes',
      'Acme Inc. said it would cut jobs. Bolt Corp. and Cog Ltd. agreed.',
      ['Acme Inc. said it would cut jobs.', 'Bolt Corp. and Cog Ltd. agreed.'],
    ],
    [
      'Jr. can end a sentence',
      'He quoted Martin Luther King Jr. He was moved.',
      ['He quoted Martin Luther King Jr.', 'He was moved.'],
    ],
    [
      'vs. and etc. continue',
      'It was Smith vs. Jones, apples etc. on the table. Then dinner.',
      ['It was Smith vs. Jones, apples etc. on the table.', 'Then dinner.'],
    ],
    [
      'the end is inside the closing quote',
      '"We are ready," he said. "It is over." Then he left.',
      ['"We are ready," he said.', '"It is over."', 'Then he left.'],
    ],
    [
      'curly quotes',
      'She said: \u201cIt is over.\u201d Then she left.',
      ['She said: \u201cIt is over.\u201d', 'Then she left.'],
    ],
    [
      'a question inside a quote does not end before "he asked"',
      '"Is it true?" he asked. Nobody knew.',
      ['"Is it true?" he asked.', 'Nobody knew.'],
    ],
    [
      'parentheses',
      'The vote was close. (It was held on Monday.) Results follow.',
      ['The vote was close.', '(It was held on Monday.)', 'Results follow.'],
    ],
    ['ellipsis before a capital', 'He paused... Then he spoke.', ['He paused...', 'Then he spoke.']],
    [
      'URLs and emails are not split',
      'Visit www.example.com or mail info@example.org today. Thanks.',
      ['Visit www.example.com or mail info@example.org today.', 'Thanks.'],
    ],
    ['! and ?', 'Is it true? Yes! It is.', ['Is it true?', 'Yes!', 'It is.']],
    [
      'paragraph breaks always end a sentence',
      'A heading without a period\n\nBody text. More text.',
      ['A heading without a period', 'Body text.', 'More text.'],
    ],
    [
      'the dateline stays with the first sentence',
      'LONDON (CNN) -- The Queen spoke. She smiled.',
      ['LONDON (CNN) -- The Queen spoke.', 'She smiled.'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('gives offsets that slice the source back to each sentence', () => {
    const text = '  First one.  Second "quoted." \n\n Third (aside.) Fourth!';
    const sentences = splitSentences(text);
    expect(sentences.length).toBe(4);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.paragraph)).toEqual([0, 0, 1, 1]);
    expect(sentences.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });

  it('splits a long paragraph without line breaks at the same places as its pieces', () => {
    // Abbreviations make the splitter look back at the word before each period; a paragraph with
    // thousands of them must split exactly as the same sentences do one by one.
    const piece =
      'Mr. Smith met Gen. Allen in the U.S. on Jan. 5 and left. Then he saw Dr. Jones at 3 p.m. today.';
    const one = splitSentences(piece).map((s) => s.text);
    expect(one).toEqual([
      'Mr. Smith met Gen. Allen in the U.S. on Jan. 5 and left.',
      'Then he saw Dr. Jones at 3 p.m. today.',
    ]);
    const long = Array.from({ length: 2000 }, () => piece).join(' ');
    const sentences = splitSentences(long);
    expect(sentences).toHaveLength(4000);
    expect(sentences.map((s) => s.text)).toEqual(Array.from({ length: 2000 }, () => one).flat());
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n \t ')).toEqual([]);
  });
});

describe('datelines', () => {
  it.each([
    ['LONDON (CNN) -- The Queen spoke.', 'The Queen spoke.'],
    ['Kabul, Afghanistan (CNN) -- A man opened fire.', 'A man opened fire.'],
    ['(CNN)  -- Lewis Hamilton won.', 'Lewis Hamilton won.'],
    ['(EW.com) -- Stephen King wrote it.', 'Stephen King wrote it.'],
    ['WASHINGTON -- The Senate voted.', 'The Senate voted.'],
    ['NATO said it would act.', 'NATO said it would act.'],
    ['The (small) cat -- hungry -- sat.', 'The (small) cat -- hungry -- sat.'],
  ])('%s', (sentence, expected) => {
    expect(stripDateline(sentence)).toBe(expected);
    expect(sentence.slice(datelineLength(sentence))).toBe(expected);
  });
});
