/**
 * The extraction evaluation set: trafilatura's annotated pages. Nothing of it is in this
 * repository; `--setup` copies the pages and annotations from a trafilatura checkout into an
 * ignored folder (bench/data/trafilatura/), and the bench reads them from there.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './dataset.js';

export const DEFAULT_EXTRACT_DATA = resolve(REPO_ROOT, 'bench', 'data', 'trafilatura');

export const SETUP_HELP = `The evaluation pages are trafilatura's (https://github.com/adbar/trafilatura, Apache-2.0),
kept outside the repository. Fetch them once:

  git clone --depth 1 https://github.com/adbar/trafilatura /tmp/trafilatura
  npm run bench:extract -- --setup /tmp/trafilatura

--setup copies tests/evaldata.json and the pages in tests/cache/ and tests/eval/ into
bench/data/trafilatura/ (ignored by git). Its annotations are JSON: they are read as data and
no code from that repository is run.`;

export interface EvalPage {
  url: string;
  file: string;
  expected: string[];
  unwanted: string[];
}

interface RawItem {
  file?: unknown;
  with?: unknown;
  without?: unknown;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];

/** Copies annotations and pages from a trafilatura checkout; returns how many pages were copied. */
export function setupFromCheckout(checkout: string, dataDir = DEFAULT_EXTRACT_DATA): number {
  const tests = join(checkout, 'tests');
  const annotations = join(tests, 'evaldata.json');
  if (!existsSync(annotations)) {
    throw new Error(
      `${annotations} not found. Point --setup at a trafilatura checkout whose tests/ holds evaldata.json.`,
    );
  }
  const raw = JSON.parse(readFileSync(annotations, 'utf8')) as Record<string, RawItem>;
  const pagesDir = join(dataDir, 'pages');
  mkdirSync(pagesDir, { recursive: true });
  const wanted = new Set(Object.values(raw).map((item) => (typeof item.file === 'string' ? item.file : '')));
  let copied = 0;
  for (const sub of ['cache', 'eval']) {
    const dir = join(tests, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!wanted.has(name) || existsSync(join(pagesDir, name))) continue;
      copyFileSync(join(dir, name), join(pagesDir, name));
      copied++;
    }
  }
  writeFileSync(join(dataDir, 'evaldata.json'), JSON.stringify(raw));
  return copied;
}

/** Pages with their snippets, sorted by file name; entries whose page is missing are skipped. */
export function loadEvalPages(dataDir = DEFAULT_EXTRACT_DATA): EvalPage[] {
  const annotations = join(dataDir, 'evaldata.json');
  if (!existsSync(annotations)) {
    console.error(`No evaluation data at ${dataDir}.\n\n${SETUP_HELP}`);
    process.exit(2);
  }
  const raw = JSON.parse(readFileSync(annotations, 'utf8')) as Record<string, RawItem>;
  const pages: EvalPage[] = [];
  for (const [url, item] of Object.entries(raw)) {
    const file = typeof item.file === 'string' ? item.file : '';
    const expected = strings(item.with);
    if (!file || expected.length === 0 || !existsSync(join(dataDir, 'pages', file))) continue;
    pages.push({ url, file, expected, unwanted: strings(item.without) });
  }
  return pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function readPage(page: EvalPage, dataDir = DEFAULT_EXTRACT_DATA): Buffer {
  return readFileSync(join(dataDir, 'pages', page.file));
}
