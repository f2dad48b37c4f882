import { describe, expect, it } from 'vitest';
import { detectLanguage, resolveLanguage } from '../../../src/text/language.js';
import { countWords, words } from '../../../src/text/tokens.js';

describe('detectLanguage', () => {
  it.each([
    [
      'en',
      'The government said on Monday that it would not change the law, and that the decision was final for the time being.',
    ],
    [
      'de',
      'Die Regierung hat am Montag erklärt, dass sie das Gesetz nicht ändern wird und dass die Entscheidung für die Zeit endgültig ist.',
    ],
    [
      'fr',
      'Le gouvernement a déclaré lundi qu’il ne changerait pas la loi et que la décision était définitive pour le moment dans les deux pays.',
    ],
    [
      'es',
      'El gobierno dijo el lunes que no cambiará la ley y que la decisión es definitiva por ahora para los ciudadanos del país.',
    ],
    [
      'it',
      'Il governo ha detto lunedì che non cambierà la legge e che la decisione è definitiva per il momento, secondo gli esperti della città.',
    ],
    [
      'pt',
      'O governo disse na segunda-feira que não vai mudar a lei e que a decisão é definitiva por enquanto para os cidadãos do país.',
    ],
    [
      'nl',
      'De regering heeft maandag gezegd dat zij de wet niet zal veranderen en dat het besluit voorlopig definitief is voor de burgers van het land.',
    ],
  ])('%s', (code, text) => {
    expect(detectLanguage(text).code).toBe(code);
  });

  it('says "und" when there is too little to tell', () => {
    expect(detectLanguage('').code).toBe('und');
    expect(detectLanguage('12345 67890').code).toBe('und');
    expect(detectLanguage('Berlin').code).toBe('und');
  });

  it('prefers detection over the declared language, and uses the declared one when unsure', () => {
    expect(
      resolveLanguage(
        'The minister said that the plan was ready and that it would start in the spring.',
        'de',
      ),
    ).toBe('en');
    expect(resolveLanguage('Oslo 2024', 'fr-CA')).toBe('fr');
    expect(resolveLanguage('Oslo 2024', null)).toBe('und');
  });
});

describe('word counts', () => {
  it('counts hyphenated words, numbers and contractions as one word each', () => {
    expect(words("Kim Jong-un's 3.5 million don't")).toEqual(['Kim', "Jong-un's", '3.5', 'million', "don't"]);
    expect(countWords('  Hello,   world -- 19 months!  ')).toBe(4);
    expect(countWords('')).toBe(0);
  });
});
