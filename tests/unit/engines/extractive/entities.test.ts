import { describe, expect, it } from 'vitest';
import { findDates } from '../../../../src/engines/extractive/dates.js';
import { extractEntities } from '../../../../src/engines/extractive/entities.js';

describe('extractEntities', () => {
  const sentences = [
    'North Korean leader Kim Jong-un met Russian President Vladimir Putin in the far eastern Amur region.',
    'Putin\u2019s spokesman Dmitry Peskov told RIA Novosti that Kim would stay for two days.',
    'Kim left Pyongyang on Sunday, and Putin welcomed him at the Vostochny Cosmodrome.',
    'NATO and the U.N. Security Council said they were watching the talks in Russia.',
  ];
  const entities = extractEntities(sentences);

  it('folds short forms into full names and drops titles, demonyms and possessives', () => {
    expect(entities.people.slice(0, 2)).toEqual(['Kim Jong-un', 'Vladimir Putin']);
    expect(entities.people).toContain('Dmitry Peskov');
    expect(entities.people).not.toContain('Putin');
    expect(entities.people).not.toContain('Kim');
  });

  it('finds organisations and places, including "X region"', () => {
    expect(entities.organizations).toEqual(expect.arrayContaining(['RIA Novosti', 'NATO']));
    expect(entities.places).toEqual(expect.arrayContaining(['Amur region', 'Pyongyang', 'Russia']));
    expect([...entities.places, ...entities.organizations]).not.toContain('North Korean');
  });

  it('reads institutions and places from their context', () => {
    const found = extractEntities([
      'A Kremlin spokesperson declined to comment, according to Tass.',
      'The rocket rose from the Vostochny Cosmodrome as U.S. officials watched.',
      'The figures are wrong, according to Johnson.',
    ]);
    expect(found.organizations).toEqual(expect.arrayContaining(['Kremlin', 'Tass']));
    expect(found.places).toEqual(expect.arrayContaining(['Vostochny Cosmodrome', 'U.S.']));
    expect(found.organizations).not.toContain('Johnson');
  });

  it('orders by mentions, then first appearance', () => {
    expect(entities.people.indexOf('Kim Jong-un')).toBeLessThan(entities.people.indexOf('Dmitry Peskov'));
    expect(entities.dates).toEqual(['two days', 'Sunday']);
  });

  it('keeps middle initials and skips sentence-initial common words', () => {
    const e = extractEntities([
      'Despite the rain, James J. Andrews led the raid.',
      'Police said Andrews was caught.',
    ]);
    expect(e.people).toEqual(['James J. Andrews']);
    expect(e.organizations).toEqual([]);
  });

  it('respects the limits', () => {
    const many = Array.from(
      { length: 12 },
      (_, i) => `Senator ${String.fromCharCode(65 + i)}lan Smith${i} spoke.`,
    );
    expect(extractEntities(many, { people: 3, organizations: 1, places: 1, dates: 1 }).people.length).toBe(3);
  });
});

describe('findDates', () => {
  it('finds dates and durations as written', () => {
    expect(
      findDates(
        'On September 24, 2008, and again on Wednesday, the 19-month war entered its 20th month; in 2009 and 3 May 2010.',
      ),
    ).toEqual(['September 24, 2008', 'Wednesday', '19-month', '2009', '3 May 2010']);
  });

  it('ignores words that only look like dates', () => {
    expect(findDates('He may march on; Mayday was called.')).toEqual([]);
  });
});
