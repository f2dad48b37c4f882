/** Shared by the benches: where the evaluation data lives and how a line becomes an Article. */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeArticle } from '../../tests/helpers/article.js';
import type { Article } from '../../src/article.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The evaluation set sits beside the repository (never inside it: the texts are CNN's). */
export const DEFAULT_DATA = resolve(REPO_ROOT, '..', 'shared', 'eval', 'cnn-dev.jsonl');
export const DEFAULT_SCORER = resolve(REPO_ROOT, '..', 'shared', 'eval', 'rouge.mjs');
export const SAMPLE_ARTICLE = resolve(REPO_ROOT, 'examples', 'summit-article.txt');

export interface EvalDoc {
  id: string;
  article: string;
  summary: string;
  fold: number;
}

export interface DataOptions {
  data: string;
  limit?: number;
  folds?: Set<number>;
}

/** Exits with a clear message when the evaluation data is not where we look. */
export function requireFile(path: string, what: string): void {
  if (existsSync(path)) return;
  console.error(
    `${what} not found at ${path}.\n` +
      'The evaluation set lives outside the repository (../shared/eval/ next to the repo root); ' +
      'pass --data FILE to point at a JSONL file with {"id", "article", "summary"} lines.',
  );
  process.exit(2);
}

/** Streams the selected documents one by one, so the whole set never sits in memory. */
export async function* readDocs(options: DataOptions): AsyncGenerator<EvalDoc> {
  requireFile(options.data, 'Evaluation data');
  const lines = createInterface({ input: createReadStream(options.data, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as EvalDoc;
    if (options.folds && !options.folds.has(doc.fold)) continue;
    if (options.limit !== undefined && n >= options.limit) break;
    n += 1;
    yield doc;
  }
}

/** An untitled article as ingestText would make it (the same shape the engine's tests use). */
export function articleFromText(text: string, title: string | null = null): Article {
  return makeArticle(text, { title });
}

/** The bundled sample: first line is the title, the rest its paragraphs. */
export function sampleArticle(path = SAMPLE_ARTICLE): Article {
  const raw = readFileSync(path, 'utf8');
  const newline = raw.indexOf('\n');
  return articleFromText(raw.slice(newline + 1), raw.slice(0, newline).trim());
}

export interface BenchArgs {
  data: string;
  limit?: number;
  folds?: Set<number>;
  rest: Map<string, string>;
}

/** --data FILE --limit N --fold K[,K]; any other --key value pair lands in `rest`. */
export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { data: DEFAULT_DATA, rest: new Map() };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i] ?? '';
    const value = argv[i + 1];
    if (!key.startsWith('--') || value === undefined) {
      console.error(`Unexpected argument "${key}". Usage: [--data FILE] [--limit N] [--fold K[,K...]]`);
      process.exit(2);
    }
    i += 1;
    if (key === '--data') args.data = resolve(process.cwd(), value);
    else if (key === '--limit') args.limit = positiveInt(key, value);
    else if (key === '--fold') args.folds = new Set(value.split(',').map((v) => positiveInt(key, v)));
    else args.rest.set(key.slice(2), value);
  }
  return args;
}

function positiveInt(key: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${key} expects a positive integer, got "${value}".`);
    process.exit(2);
  }
  return n;
}
