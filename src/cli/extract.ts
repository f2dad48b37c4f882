import { parseArgs } from 'node:util';
import { articleText, type Article } from '../article.js';
import { BriefError, isBriefError, userMessageOf } from '../errors.js';
import { ingestHtml, ingestText, ingestTextFrom, ingestUrl, type IngestDeps } from '../ingest/index.js';
import { countWords } from '../ingest/normalize.js';
import type { BriefInput } from '../service.js';
import { detectLanguage } from '../text/language.js';
import { runJsonl } from './batch.js';
import type { CliIo } from './io.js';
import { EXIT } from './args.js';
import { LOOKS_LIKE_URL, readTarget } from './target.js';

/**
 * `brief extract`: what ingest made of an input, before any engine sees it. For pipelines that
 * want clean text, and for anyone asking "why did the brief say that?".
 */
export const EXTRACT_HELP = `Usage:
  brief extract [--format json|text] <url | file | ->   what ingest found: metadata, verdict, paragraphs
  brief extract --jsonl <file | ->                      batch: {"id", "url" | "html" | "article"} per line in,
                                                         one {"id", ...extraction} per line out

Options:
  -f, --format <json|text>   json (default): metadata, languages, verdict and paragraphs; text: the text alone
  -h, --help                 show this help

Exit codes: 0 ok, 2 usage error, 3 input or fetch error (in batch mode: at least one line failed), 1 internal error.`;

/** The JSON `brief extract` prints: one object per input. */
export interface Extracted {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  url: string | null;
  declaredLanguage: string | null;
  /** ISO 639-1 code detected from the text, "und" when it cannot be told. */
  detectedLanguage: string;
  extraction: Article['extraction'];
  words: number;
  paragraphs: string[];
}

export function toExtracted(article: Article): Extracted {
  const text = articleText(article);
  return {
    title: article.title,
    byline: article.byline,
    siteName: article.siteName,
    publishedTime: article.publishedTime,
    url: article.url,
    declaredLanguage: article.declaredLanguage,
    detectedLanguage: detectLanguage(text).code,
    extraction: article.extraction,
    words: countWords(text),
    paragraphs: article.paragraphs,
  };
}

export interface ExtractDeps {
  io: CliIo;
  ingest: IngestDeps;
  maxInputBytes: number;
}

type Parsed =
  | { kind: 'help' }
  | { kind: 'one'; target: string; format: 'json' | 'text' }
  | { kind: 'batch'; file: string };

function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        jsonl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new BriefError('usage', (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'text') {
    throw new BriefError('usage', `--format must be json or text (got "${format}").`);
  }
  const sources = [values.jsonl, ...positionals].filter((v) => v !== undefined);
  if (sources.length === 0) throw new BriefError('usage', 'Give a URL, a file, - for stdin, or --jsonl.');
  if (sources.length > 1)
    throw new BriefError('usage', 'Give one input at a time (or use --jsonl for many).');
  if (values.jsonl !== undefined) {
    if (values.format !== undefined) throw new BriefError('usage', '--jsonl always writes JSON lines.');
    return { kind: 'batch', file: values.jsonl };
  }
  return { kind: 'one', target: positionals[0] ?? '', format };
}

async function ingestOne(target: string, deps: ExtractDeps): Promise<Article> {
  // Any scheme goes to ingest, which explains why ftp: or file: are refused.
  if (LOOKS_LIKE_URL.test(target)) return ingestUrl(target, deps.ingest);
  return readTarget(target, deps.io, { maxBytes: deps.maxInputBytes });
}

/** Batch lines take the inputs `brief --jsonl` takes, read the same way the service reads them. */
async function ingestInput(input: BriefInput, deps: ExtractDeps): Promise<Article> {
  switch (input.kind) {
    case 'url':
      return ingestUrl(input.url, deps.ingest);
    case 'html':
      return ingestHtml(input.html, input.url ?? null);
    case 'text':
      return input.url ? ingestTextFrom(input.text, input.url) : ingestText(input.text);
  }
}

/** Runs `extract ...` (argv after the word "extract"); returns the exit code, never throws. */
export async function runExtractCommand(argv: string[], deps: ExtractDeps): Promise<number> {
  const { io } = deps;
  try {
    const command = parse(argv);
    if (command.kind === 'help') {
      io.out(EXTRACT_HELP);
      return EXIT.ok;
    }
    if (command.kind === 'batch') {
      return await runJsonl(command.file, deps, async (input) => toExtracted(await ingestInput(input, deps)));
    }
    const article = await ingestOne(command.target, deps);
    io.out(command.format === 'text' ? articleText(article) : JSON.stringify(toExtracted(article), null, 2));
    return EXIT.ok;
  } catch (err) {
    if (isBriefError(err)) {
      io.err(`brief: ${err.userMessage}`);
      if (err.code === 'usage') io.err('Run "brief extract --help" for usage.');
      return err.code === 'usage' ? EXIT.usage : EXIT.input;
    }
    io.err(`brief: ${userMessageOf(err)}`);
    io.err(err instanceof Error && err.stack ? err.stack : String(err));
    return EXIT.internal;
  }
}
