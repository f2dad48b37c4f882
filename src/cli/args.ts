import { parseArgs } from 'node:util';
import { BriefError } from '../errors.js';

export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3 } as const;

export const FORMATS = ['text', 'markdown', 'json'] as const;
export const ENGINES = ['auto', 'extractive', 'llm'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage:
  brief [options] <url | file | ->      brief an article (a file: .txt, .md, .html; - reads stdin)
  brief [options] --text "<pasted text>"
  brief [options] --jsonl <file | ->    batch: one {"id", "article"} per line in, one brief per line out
  brief extract [--format json|text] <url | file | ->   what ingest found: metadata, verdict, text
  brief extract --jsonl <file | ->      the same for batch lines (see brief extract --help)
  brief usage [--since YYYY-MM-DD] [--json]   LLM token usage per day and per caller
  brief digest preview [--json] <feed-url>...  the digest these feeds would give now

Options:
  -f, --format <text|markdown|json>    output format (default: text)
  -e, --engine <auto|extractive|llm>   engine (default: auto = the LLM when configured, else extractive)
      --force                          brief a page that does not look like an article (an index or
                                       section page, a bot check) instead of refusing it (exit 3)
  -h, --help                           show this help
  -v, -V, --version                    show the version

Exit codes: 0 ok, 2 usage error, 3 input or fetch error (or not an article), 1 internal error.`;

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'brief'; target: string; format: Format; engine?: Engine; force: boolean }
  | { kind: 'text'; text: string; format: Format; engine?: Engine; force: boolean }
  | { kind: 'batch'; file: string; engine?: Engine; force: boolean };

type Engine = (typeof ENGINES)[number];

const oneOf = <T extends readonly string[]>(values: T, value: string | undefined, flag: string) => {
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw new BriefError('usage', `${flag} must be one of ${values.join(', ')} (got "${value}").`);
  }
  return value as T[number];
};

/** Parses argv (without node and the script); usage mistakes are BriefErrors with code 'usage'. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  // -V as well as -v: both spellings of "version" are common, and parseArgs allows one short
  // letter per option. A value that is "-V" is written `--text=-V` (parseArgs insists), one token.
  const args = argv.map((arg) => (arg === '-V' ? '-v' : arg));
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        engine: { type: 'string', short: 'e' },
        jsonl: { type: 'string' },
        text: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new BriefError('usage', (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const format = oneOf(FORMATS, values.format, '--format') ?? 'text';
  const engine = oneOf(ENGINES, values.engine, '--engine');
  const sources = [values.jsonl, values.text, ...positionals].filter((v) => v !== undefined);
  if (sources.length === 0) throw new BriefError('usage', 'Give a URL, a file, - for stdin, or --text.');
  if (sources.length > 1)
    throw new BriefError('usage', 'Give one input at a time (or use --jsonl for many).');
  const force = values.force ?? false;
  if (values.jsonl !== undefined) return { kind: 'batch', file: values.jsonl, engine, force };
  if (values.text !== undefined) return { kind: 'text', text: values.text, format, engine, force };
  return { kind: 'brief', target: positionals[0]!, format, engine, force };
}

/** How a usage mistake is reported, by the full CLI and by the quick path in src/cli.ts alike. */
export function reportUsageError(io: { err(text: string): void }, message: string): number {
  io.err(`brief: ${message}`);
  io.err('Run "brief --help" for usage.');
  return EXIT.usage;
}

/** A BriefError as the CLI says it: a refused non-article also says how to brief it anyway. */
export function cliMessage(err: BriefError): string {
  return err.code === 'not_an_article' || err.code === 'page_blocked'
    ? `${err.userMessage} (--force briefs it anyway.)`
    : err.userMessage;
}
