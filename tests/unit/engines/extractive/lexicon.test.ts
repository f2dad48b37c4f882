/**
 * src/engines/extractive/lexicon-data.ts is compromise's lexicon by word class, generated here so
 * that the engine need not build compromise's model at start-up. This test regenerates it from the
 * installed compromise and fails when the file differs; after upgrading compromise, rewrite it with
 *
 *   npx vitest run tests/unit/engines/extractive/lexicon.test.ts -u
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  classOfTags,
  isBaseVerbTags,
  isFiniteVerbTags,
  lookup,
  WORD_CLASSES,
  type WordClass,
} from '../../../../src/engines/extractive/lexicon.js';

const DATA_FILE = fileURLToPath(
  new URL('../../../../src/engines/extractive/lexicon-data.ts', import.meta.url),
);

interface Model {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
}

async function compromiseModel(): Promise<{ model: Model; version: string; license: string }> {
  const nlp = (await import('compromise')).default as unknown as { model(): Model };
  // Its exports map hides package.json: walk up from its entry point to the package's folder.
  let dir = dirname(createRequire(import.meta.url).resolve('compromise'));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'LICENSE'))) dir = dirname(dir);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const license = readFileSync(join(dir, 'LICENSE'), 'utf8');
  return { model: nlp.model(), version, license };
}

function byClass(model: Model): Record<WordClass, string[]> {
  const out = Object.fromEntries(WORD_CLASSES.map((c) => [c, [] as string[]])) as Record<WordClass, string[]>;
  for (const [word, raw] of Object.entries(model.one.lexicon)) {
    out[classOfTags(Array.isArray(raw) ? raw : [raw])].push(word);
  }
  return out;
}

function wordsWhere(model: Model, test: (tags: readonly string[]) => boolean): string[] {
  return Object.entries(model.one.lexicon)
    .filter(([, raw]) => test(Array.isArray(raw) ? raw : [raw]))
    .map(([word]) => word);
}

async function render(model: Model, version: string, license: string): Promise<string> {
  const classes = byClass(model);
  const lists: Record<string, string[]> = {
    ...classes,
    orgWords: Object.keys(model.two.orgWords),
    placeWords: Object.keys(model.two.placeWords),
    finiteVerbs: wordsWhere(model, isFiniteVerbTags),
    baseVerbs: wordsWhere(model, isBaseVerbTags),
  };
  const body = Object.entries(lists)
    .map(
      ([key, words]) =>
        `  ${key}: ${JSON.stringify(words.join(',')).replace(/'/g, "\\'").replace(/^"|"$/g, "'")},`,
    )
    .join('\n');
  const source = [
    `// Generated from compromise ${version} by tests/unit/engines/extractive/lexicon.test.ts: do not edit.`,
    '// Regenerate after upgrading compromise: npx vitest run tests/unit/engines/extractive/lexicon.test.ts -u',
    '//',
    "// The words are compromise's (https://github.com/spencermountain/compromise), under its licence:",
    '//',
    ...license
      .trim()
      .split('\n')
      .map((line) => `// ${line}`.trimEnd()),
    '',
    "/** compromise's lexicon by the word classes of lexicon.ts, its name-ending words and verb forms; comma-separated. */",
    'export const LEXICON_DATA = {',
    body,
    '} as const;',
    '',
  ].join('\n');
  return format(source, { ...(await resolveConfig(DATA_FILE)), filepath: DATA_FILE });
}

describe('the lexicon data', () => {
  it('is compromise\u2019s lexicon, generated from the installed version', async () => {
    const { model, version, license } = await compromiseModel();
    const words = [
      ...Object.keys(model.one.lexicon),
      ...Object.keys(model.two.orgWords),
      ...Object.keys(model.two.placeWords),
    ];
    // The lists are comma-separated: no word may hold a comma.
    expect(words.filter((w) => w.includes(','))).toEqual([]);
    await expect(await render(model, version, license)).toMatchFileSnapshot(DATA_FILE);
  });

  it('answers as compromise\u2019s model does', async () => {
    const { model } = await compromiseModel();
    const wrong = Object.entries(model.one.lexicon).filter(
      ([word, raw]) => lookup(word) !== classOfTags(Array.isArray(raw) ? raw : [raw]),
    );
    expect(wrong).toEqual([]);
    expect(lookup('barack obama')).toBe('person');
    expect(lookup('france')).toBe('place');
    expect(lookup('no such word here')).toBeNull();
    // Names of Object.prototype are words like any other (unknown), not inherited properties.
    expect(lookup('constructor')).toBeNull();
  });
});
