import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../src/errors.js';
import { ingestText } from '../../../src/ingest/index.js';

function errorOf(fn: () => unknown): BriefError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BriefError) return err;
    throw err;
  }
  throw new Error('expected a BriefError');
}

describe('plain text input', () => {
  it.each(['', '   ', '\n\n\t\n', '\u200B\u200B\uFEFF', ' \u00A0 \r\n '])(
    'refuses %j as empty_input',
    (text) => {
      const err = errorOf(() => ingestText(text));
      expect(err.code).toBe('empty_input');
      expect(err.userMessage).toMatch(/^There is no text to brief/);
    },
  );

  it('reads the bundled sample: title line, then paragraphs', () => {
    const sample = readFileSync(new URL('../../../examples/summit-article.txt', import.meta.url), 'utf8');
    const article = ingestText(sample);
    expect(article.title).toBe('Kim Jong-un and Vladimir Putin Meet Amidst Growing Arms Deal Speculation');
    expect(article.paragraphs[0]).toMatch(/^North Korea’s Kim Jong-un and Russian President Vladimir Putin/);
    expect(article.paragraphs.length).toBeGreaterThan(5);
    expect(article).toMatchObject({ url: null, siteName: null, extraction: { status: 'ok' } });
  });

  it('keeps a one-sentence text as its only paragraph, with no title', () => {
    const article = ingestText('The mayor resigned on Friday.');
    expect(article.title).toBeNull();
    expect(article.paragraphs).toEqual(['The mayor resigned on Friday.']);
    expect(article.extraction.status).toBe('ok');
  });

  it('does not take a first line that is a sentence as the title', () => {
    const article = ingestText('The mayor resigned on Friday.\n\nShe had led the city for ten years.');
    expect(article.title).toBeNull();
    expect(article.paragraphs).toHaveLength(2);
  });

  it('joins hard-wrapped lines, splits on blank lines and keeps list items apart', () => {
    const text = [
      'Storm warning for the coast',
      '',
      'Forecasters issued an amber warning\r\nfor the whole coast on Sunday,',
      'with gusts of up to 80 mph expected.',
      '  \t ',
      'Residents were told to:',
      '- secure loose objects',
      '- avoid the seafront',
      '• check on neighbours',
    ].join('\n');
    const article = ingestText(text);
    expect(article.title).toBe('Storm warning for the coast');
    expect(article.paragraphs).toEqual([
      'Forecasters issued an amber warning for the whole coast on Sunday, with gusts of up to 80 mph expected.',
      'Residents were told to:',
      'secure loose objects',
      'avoid the seafront',
      'check on neighbours',
    ]);
  });

  it('strips zero-width characters, soft hyphens and bidi controls, and turns NBSP into spaces', () => {
    const article = ingestText(
      'Coun\u00ADcil\u200B ap\u2060proved\u00A0the \u202Eplan\u202C on Mon\uFEFFday.',
    );
    expect(article.paragraphs).toEqual(['Council approved the plan on Monday.']);
  });

  it('takes a "By ..." line under the title as the byline', () => {
    const article = ingestText(
      'Storm warning for the coast\n\nBy Ana Lima\n\nForecasters issued an amber warning.',
    );
    expect(article.byline).toBe('Ana Lima');
    expect(article.paragraphs).toEqual(['Forecasters issued an amber warning.']);
  });

  it.each([
    [
      'German',
      'Neue Brücke eröffnet\n\nDie Stadt hat am Freitag die neue Brücke eröffnet.\n\nSie kostete 48 Millionen Euro.',
    ],
    ['Russian', 'Новый мост открыт\n\nВ пятницу в городе открыли новый мост.\n\nОн стоил 48 миллионов евро.'],
    ['Japanese', '新しい橋が開通\n\n金曜日、市は新しい橋を開通させた。\n\n費用は4800万ユーロだった。'],
  ])('keeps %s text and its paragraphs', (_lang, text) => {
    const article = ingestText(text);
    const [title, ...rest] = text.split('\n\n');
    expect(article.title).toBe(title);
    expect(article.paragraphs).toEqual(rest);
  });

  it('marks a pasted paywall teaser, dropping the prompt', () => {
    const article = ingestText(
      'Battery start-ups promise cheaper storage\n\nThree start-ups say they can halve the cost of storing wind power.\n\nSubscribe to continue reading.',
    );
    expect(article.extraction.status).toBe('paywalled');
    expect(article.paragraphs).toEqual([
      'Three start-ups say they can halve the cost of storing wind power.',
    ]);
  });

  it('does not call ordinary pasted text paywalled or thin', () => {
    const article = ingestText('Readers can subscribe to the newsletter for weekly updates on the project.');
    expect(article.extraction.status).toBe('ok');
  });
});

describe('markdown input', () => {
  const md = [
    '---',
    'layout: post',
    'date: 2024-01-01',
    '---',
    '',
    '# Council *approves* new **sea wall**',
    '',
    'The council [approved](https://example.com/vote "vote") the plan on _Tuesday_,',
    'after a ~~long~~ three-hour debate. ![Photo of the wall](wall.jpg)',
    '',
    '## Funding',
    '',
    '> Most of the money comes from a `national` grant.',
    '',
    '```js',
    'console.log("not prose");',
    '```',
    '',
    '1. First item with a [reference link][ref]',
    '2. Second item with <em>inline HTML</em>',
    '',
    '---',
    '',
    'Costs are 5 * 3 million, and file_names_like_this stay.',
    '',
    '[ref]: https://example.com/ref',
  ].join('\n');

  it('strips markup, keeps words, and takes the # heading as the title', () => {
    const article = ingestText(md);
    expect(article.title).toBe('Council approves new sea wall');
    expect(article.paragraphs).toEqual([
      'The council approved the plan on Tuesday, after a long three-hour debate.',
      'Funding',
      'Most of the money comes from a national grant.',
      'First item with a reference link',
      'Second item with inline HTML',
      'Costs are 5 * 3 million, and file_names_like_this stay.',
    ]);
  });

  it('uses a front-matter title when there is one', () => {
    const article = ingestText('---\ntitle: "Harbour news"\n---\n\nThe [ferry](https://x.example) is back.', {
      format: 'markdown',
    });
    expect(article.title).toBe('Harbour news');
    expect(article.paragraphs).toEqual(['The ferry is back.']);
  });

  it('reads setext headings', () => {
    const article = ingestText('Ferry returns\n=============\n\nThe [ferry](https://x.example) is back.');
    expect(article.title).toBe('Ferry returns');
  });

  it('leaves plain text alone: asterisks and underscores are not emphasis there', () => {
    const article = ingestText('Prices rose *sharply* in snake_case_town.\n\nAnother paragraph.', {
      format: 'plain',
    });
    expect(article.paragraphs[0]).toBe('Prices rose *sharply* in snake_case_town.');
  });

  it('refuses markdown that holds only code as empty_input', () => {
    expect(errorOf(() => ingestText('```\ncode only\n```', { format: 'markdown' })).code).toBe('empty_input');
  });
});
